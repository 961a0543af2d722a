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
; neither an update nor uninstalling touches.

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
Name: "{autodesktop}\kisdesk"; Filename: "{app}\kisdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\kisdesk.exe"; Description: "{cm:LaunchProgram,kisdesk}"; Flags: nowait postinstall skipifsilent
