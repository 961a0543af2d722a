; Inno Setup 6.3+ script: kisdesk-<version>-setup.exe from the folder PyInstaller built.
;
;   python scripts\build.py                          (dist\kisdesk\, self-tested)
;   iscc packaging\windows\kisdesk.iss               (dist\kisdesk-<version>-setup.exe)
;
; Signed (docs/BUILD.md): define Sign and give Inno Setup the signtool command as "kisdesk":
;   iscc /DSign "/Skisdesk=signtool sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f" packaging\windows\kisdesk.iss
;
; The installer needs no administrator rights (it installs for the current user into
; %LOCALAPPDATA%\Programs\kisdesk; the dialog offers "for all users" to an administrator).
; Office data never lives in the program folder: it is in %LOCALAPPDATA%\kisdesk, which
; neither an update nor uninstalling touches; the uninstaller says so and how to erase it
; (personal data, RODO art. 17: [Code] below).

#define Root AddBackslash(SourcePath) + "..\.."
#ifndef BuildDir
  #define BuildDir Root + "\dist\kisdesk"
#endif
#ifndef AppVersion
  ; the version resource installer.spec wrote from pyproject.toml
  #define AppVersion GetStringFileInfo(BuildDir + "\kisdesk.exe", "ProductVersion")
#endif

[Setup]
; AppId identifies kisdesk for updates and uninstalling: never change it.
AppId={{426D898C-361B-4560-8941-A34B3A0B4F2A}
AppName=kisdesk
AppVersion={#AppVersion}
AppVerName=kisdesk {#AppVersion}
AppPublisher=kisdesk
AppComments=Ewidencja uczestników, zajęć i obecności dla KIS i CIS
DefaultDirName={autopf}\kisdesk
DefaultGroupName=kisdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 runs on 64-bit Windows 10 and 11 only
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#BuildDir}\..
OutputBaseFilename=kisdesk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\kisdesk.ico
UninstallDisplayIcon={app}\kisdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; an update closes a running kisdesk the way a user would (it saves and backs up on exit)
CloseApplications=yes
RestartApplications=no
; .kisbak files open the restore dialog of kisdesk.exe ([Registry] below)
ChangesAssociations=yes
#ifdef Sign
SignTool=kisdesk
SignedUninstaller=yes
#endif

[Languages]
Name: "polish"; MessagesFile: "compiler:Languages\Polish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An update replaces the whole program folder: a file an older version had and this one
; dropped (for instance a database revision script) must not linger next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\kisdesk"; Filename: "{app}\kisdesk.exe"; Comment: "Ewidencja KIS/CIS"
Name: "{autoprograms}\kisdesk – sprawdź instalację"; Filename: "{cmd}"; Parameters: "/k ""{app}\kisdesk-cli.exe"" --self-test"; IconFilename: "{app}\kisdesk.exe"; Comment: "Test programu na tymczasowych danych (prawdziwe dane nie są dotykane)"
Name: "{autoprograms}\kisdesk – wiersz poleceń"; Filename: "{cmd}"; Parameters: "/k kisdesk-cli.exe --help"; WorkingDir: "{app}"; IconFilename: "{app}\kisdesk.exe"; Comment: "Polecenia programu (kisdesk-cli.exe): restore, check, backup…"
Name: "{autodesktop}\kisdesk"; Filename: "{app}\kisdesk.exe"; Tasks: desktopicon

[Registry]
; A backup double-clicked on a USB stick opens kisdesk's restore dialog (kisdesk/app.py:
; a single *.kisbak argument). HKA is HKCU for a per-user install, HKLM for all users.
Root: HKA; Subkey: "Software\Classes\.kisbak"; ValueType: string; ValueName: ""; ValueData: "kisdesk.backup"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.kisbak\OpenWithProgids"; ValueType: string; ValueName: "kisdesk.backup"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\kisdesk.backup"; ValueType: string; ValueName: ""; ValueData: "Kopia zapasowa kisdesk"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\kisdesk.backup\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\kisdesk.exe"",0"
Root: HKA; Subkey: "Software\Classes\kisdesk.backup\shell\open"; ValueType: string; ValueName: ""; ValueData: "Przywróć dane z tej kopii"
Root: HKA; Subkey: "Software\Classes\kisdesk.backup\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\kisdesk.exe"" ""%1"""

[Run]
Filename: "{app}\kisdesk.exe"; Description: "{cm:LaunchProgram,kisdesk}"; Flags: nowait postinstall skipifsilent

[Code]
// Uninstalling removes the program only. The office's personal data (database, backups,
// keys) stay in %LOCALAPPDATA%\kisdesk: say where, and how to erase them before the laptop
// changes hands (RODO art. 17; docs/BUILD.md, "Uninstall").
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
  Code: Integer;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    Folder := ExpandConstant('{localappdata}\kisdesk');
    if DirExists(Folder) then
      if MsgBox('Program kisdesk został usunięty, ale dane placówki zostały na komputerze: ' +
        'baza danych, kopie zapasowe i klucze są w folderze' + #13#10 + Folder + #13#10#13#10 +
        'To dane osobowe uczestników (RODO). Jeśli komputer ma trafić do innej osoby, ' +
        'najpierw zrób kopię zapasową na pendrive (jeśli dane mają zostać w placówce), potem ' +
        'usuń ten folder klawiszami Shift+Delete (z pominięciem Kosza). Kopie na pendrive ' +
        'i dyskach sieciowych usuń osobno. Każdy użytkownik Windows, który używał programu, ' +
        'ma taki folder na swoim koncie.' + #13#10#13#10 + 'Otworzyć ten folder teraz?',
        mbInformation, MB_YESNO) = IDYES then
        ShellExec('open', Folder, '', '', SW_SHOWNORMAL, ewNoWait, Code);
  end;
end;
