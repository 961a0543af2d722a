"""The demo office: realistic, fictitious data to try the program on (`kisdesk demo`, the
first-start wizard). Not a use case of the office: it writes in bulk beside the services
(docs/architecture.md#demo) and marks what it made as demo data in the audit log.

`generator.generate()` is the entry; the other modules plan people, periods, groups, the
timetable and the words the demo uses.
"""
