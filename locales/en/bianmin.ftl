## General
app-title = Convenience services
not-found = This entry was not found. Please go back.
nav-back = ← Back
nav-home = Home

## Home
home-welcome = Welcome! This hall handles { $count } rural services for you in one place. Tap a large button below.
home-guide = Service guide
home-guide-hint = { $count } services: what to bring, how it works
home-policies = Subsidy policies
home-policies-hint = Who qualifies, how much, how to apply
home-notices = Notice board
home-notices-hint = Farm inputs, training, health, jobs, social security
home-search = Search
home-search-hint = Pinyin initials work too, e.g. GDDL
hall-phone = Hall phone:
hall-hours = Opening hours:
hall-hotline-168 = Farm-input hotline:
hall-supervision = Complaints:
hall-address = Address:

## Type size and language
display-smaller = A-
display-bigger = A+
display-size = Size { $px }
display-elder = Large type
display-language = 中文

## Service guide
catalog-title = Service guide
catalog-hint = Choose the kind of service you need.
catalog-item-count = { $count ->
    [one] 1 service
   *[other] { $count } services
}
item-instant = Done on the spot
item-promised = Done within { $days } working days
item-time-and-fee = Time limit and fee
item-promise = Completion:
item-legal-limit = Statutory limit:
item-legal-days = { $days } working days
item-legal-none = not set by law
item-fee = Fee:
item-fee-free = Free
item-fee-yuan = { $yuan } yuan
item-visits = Visits needed:
item-visits-count = at most { $visits }
item-department = Department:
item-window = Window:
item-window-named = Window { $number } ({ $name })
item-window-number = Window { $number }
item-conditions = Who can apply
item-materials = What to bring ({ $count } papers, { $required } required)
material-required = Required
material-optional = If applicable
material-form = Form:
material-copies = { $copies ->
    [one] 1 copy
   *[other] { $copies } copies
}
material-copies-none = original shown only
material-source = Where to get it:
material-check = What is checked:
item-procedure = Procedure
flow-step-actor = Handled by: { $actor }
flow-step-days = about { $days } working days
item-legal-basis = Legal basis
item-contacts = Questions and complaints
item-consult-phone = Questions:
item-supervision-phone = Complaints:
unverified-note = Subject to the latest local policy. Please ask at the window.

## Subsidy policies
policies-title = Subsidy policies
policy-who = Who qualifies
policy-standard = Standard
policy-how = How to apply
policy-contact = Department and phone
policy-department = Department:
policy-year = Policy year:
policy-related = Related services

## Notice board
notices-title = Notice board
notices-empty = Nothing on this board yet.
notice-sample = Sample notice: the notices posted in the hall take precedence.

## Search
search-title = Search
search-hint = Tap letters for pinyin or its initials, e.g. GDDL or gengdi; or type Chinese with an input method, e.g. 低保.
search-placeholder = Type here
search-count = { $count } found
search-none = Nothing found. Try other words, or ask at the window.
keypad-backspace = Delete
keypad-clear = Clear
kind-item = Service
kind-policy = Policy
kind-notice = Notice

## Idle
idle-title = Are you still there?
idle-countdown = Back to the home screen in { $seconds } s
idle-continue = Continue

## Content files
content-problems = The content files have { $count } errors; the last good content is in use. First: { $first }
content-error = Content file { $file }, entry { $entry }, field { $field }: { $problem }
problem-empty = must not be empty
problem-empty-list = needs at least one entry
problem-duplicate = id { $id } is used twice
problem-unknown-reference = “{ $name }” does not exist
problem-out-of-range = { $value } is out of range
problem-kind-mismatch = an instant item promises 0 working days; a promised item more than 0
problem-invalid = wrong format ({ $detail })

## Home: progress and staff entry
home-status = Check progress
home-status-hint = Enter the case number from your receipt
home-staff = Staff login

## Progress
status-title = Check the progress of a case
status-by-number = By case number
status-by-name = By name and last 6 of ID
status-number = Case number (23 digits on the receipt):
status-name = Applicant's name:
status-last6 = Last six characters of the ID number:
status-lookup = Look up
status-invalid = Enter the full 23-digit case number, or the name and the last six characters of the ID number.
status-none = Nothing found. Please check and try again, or ask at the window.
status-due = Promised completion: { $date }
status-no-due = A completion date is set once the materials are complete
## Login and registration
login-title = Staff login
login-by-account = Account
login-by-phone = Mobile
login-account = Account:
login-phone = Mobile number:
login-password = Password:
login-submit = Log in
login-register = Register
login-wrong = Wrong account or password; { $remaining } tries left.
login-locked = Five wrong passwords: the account is locked until { $until }. Or ask an admin to reset the password.
login-pending = The account is waiting for an admin's approval.
login-disabled = The account is disabled; please contact an admin.
register-title = Register
register-name = Name:
register-phone = Mobile number:
register-login = Account (for login, no spaces):
register-password = Password (at least 8 characters):
register-repeat = Password again:
register-submit = Register
register-done = Registered. An admin will approve the account; then log in with the account or the mobile number.
register-to-login = Back to login
setup-title = Set-up: create the admin
setup-hint = This terminal has no admin yet. Create the first admin account; the admin then approves everyone else.

## Desk
desk-cases = Cases
desk-new-application = New application
desk-new-household = Register household
desk-accounts = Accounts
desk-logout = Log out
role-agent = Agent
role-staff = Staff
role-admin = Admin
status-pending = Waiting for approval
status-active = Active
status-disabled = Disabled

## Cases
state-awaiting-correction = Materials missing
state-accepted = Accepted
state-in-progress = In progress
state-reported = Sent to the county
state-completed = Completed
state-returned = Returned
state-refused = Refused
move-accept = Materials complete: accept
move-start = Start handling
move-report = Send to the county
move-complete = Complete
move-return = Return
move-refuse = Refuse
urgency-due-soon = Due soon
urgency-overdue = Overdue
cases-title = Cases
cases-count = { $count ->
    [one] 1 case
   *[other] { $count } cases
}
cases-first-page = The latest { $count } cases (narrow them with the filters or the search)
cases-agent = Agent { $agent }
cases-due = due { $date }
cases-no-number = (materials missing, no number yet)
filter-any = All
filter-state = State
filter-item = Service
filter-village = Village
filter-overdue = Only overdue
filter-search = Search by name, ID number or case number
case-number = Case number:
case-state = State:
case-applicant = Applicant:
case-id-number = ID number:
case-village = Village:
case-agent = Responsible agent:
case-accepted = Accepted:
case-due = Promised by:
case-materials = Materials
case-notice-missing = One-time notice: still to bring: { $materials }
case-next = Next step
case-note = Note (required to return or refuse)
case-history = History
case-still-missing = Required materials still missing: { $materials }
case-reason-required = Please give a reason.
case-not-responsible = Only the responsible agent or an admin may do this.
case-illegal = This step is not possible in the current state.
handover-title = Hand over to another agent
handover-choose = Choose the agent
handover-note = Hand-over note (required)
handover-submit = Hand over
history-created = Application registered
history-handover = Handed over to { $to }

## New application
intake-title = New proxy application
intake-search = Find the household by the head's name or ID number
intake-household = Household:
intake-applicant = Applicant:
intake-item = Service:
intake-item-choose = Choose a service
intake-materials = Materials received (tick each one checked)
intake-save = Save
intake-incomplete = Choose the household, the applicant and the service first.

## Household
household-title = Register a household
household-head = Head of household:
household-id = ID number:
household-born = Born { $date } · { $sex }
household-phone = Phone (mobile or landline):
household-village = Village:
household-village-choose = Choose the village
household-group = Group (number):
household-member = Member { $number }
household-member-name = Name:
household-relation = Relation to the head:
household-member-add = Add a member
household-member-remove = Remove this member
household-save = Save
household-saved = Household of { $name } registered; you can now add an application.
household-existing = This ID number is registered already: the household of { $name } is open.
household-person-elsewhere = ID number { $id } is registered in another household.
sex-male = male
sex-female = female

## Accounts
accounts-title = Accounts
accounts-new-password = New password for a reset (at least 8 characters):
accounts-approve = Approve
accounts-disable = Disable
accounts-enable = Enable
accounts-reset = Reset password
accounts-reset-done = Password reset; tell the person in private.

## Form errors
error-required = Required.
error-too-long = Too long: at most { $max } characters.
error-control = Contains control characters; please type it again.
error-id-length = An ID number has 18 characters (old ones 15); this has { $length }.
error-id-digits = Digits only; the last character may be X.
error-id-date = The date of birth in this ID number does not exist.
error-id-check = The check character is wrong (it should be { $expected }); please check for a typo.
error-id-future = The date of birth is after today.
error-id-repeated = This ID number appears twice in the household.
error-phone-length = Wrong number of digits ({ $length }): a mobile has 11, a landline with area code 10 to 12.
error-phone-digits = Digits only (a hyphen after the area code is fine).
error-phone-kind = Not a mobile number or a landline with area code.
error-village = Choose the village from the list.
error-group = The group is between 1 and { $groups }.
error-password-short = The password needs at least 8 characters.
error-password-mismatch = The two passwords differ.
error-login-spaces = The account name may not contain spaces.
error-login-taken = This account name is taken.
error-phone-taken = This mobile number is registered already.
error-store = Not saved; nothing was changed: { $detail }
case-calendar-missing = The public holidays of { $year } are not in the calendar yet: only weekends were skipped. Please check (assets/calendar/cn-holidays.toml).
filter-agent = Agent

## Printing: receipts, one-time notices, convenience-service cards
print-date = { $year }-{ $month }-{ $day }
print-printed-at = Printed { $time }
print-page-of = Page { $page } of { $pages }
print-village-group = { $village }, group { $group }
print-window = Window { $number }, { $name }
print-window-number = Window { $number }
print-fee-free = Free of charge
print-fee-yuan = { $yuan } yuan
print-supervision = Complaints and supervision: { $phone } ({ $note })
print-applicant-signature = Received by the applicant:
print-signature-date = Date:
print-error-unknown-case = No case "{ $case }" was found. Please check the case number.
print-error-nothing-to-print = Case "{ $case }" was closed without being accepted: there is no receipt or notice to print.
print-error-unknown-household = No household "{ $household }" was found.
print-error-unknown-village = "{ $village }" is not a village of this township. Please choose one from the list.
print-error-no-households = No household of { $village } is registered yet: there are no cards to print.
print-error-unknown-item = The service guide has no item "{ $item }": nothing was printed.
print-error-missing-glyphs = Not printed: the font has no glyph for { $characters }. Please correct these characters and print again.
print-error-qr = The QR code could not be made: { $detail }
print-error-pdf = The PDF could not be made: { $detail }
print-error-store = The data could not be read: { $detail }
receipt-title = Receipt
receipt-document-title = Receipt { $number }
receipt-number = Case number
receipt-item = Service
receipt-applicant = Applicant
receipt-id-number = ID number
receipt-village = Village
receipt-accepted-at = Accepted
receipt-due = Promised by
receipt-due-date = { $date } ({ $days } working days)
receipt-due-days = within { $days } working days of acceptance
receipt-due-instant = Done on the day it is accepted
receipt-department = Department
receipt-window = Window
receipt-agent = Agent
receipt-fee = Fee
receipt-materials = Materials received ({ $count })
receipt-materials-none = This service needs no papers.
receipt-progress = Checking progress
receipt-progress-kiosk = At the hall's kiosk, tap "Check progress" and enter the case number on this receipt;
receipt-progress-phone = call the hall on { $phone };
receipt-progress-agent = call your agent { $name } on { $phone };
receipt-progress-agent-name = ask your agent { $name };
receipt-progress-qr = the QR code on the right holds the case number: scan it to keep it on a phone.
receipt-qr-caption = Case number as a QR code
receipt-keep = Please keep this receipt. Bring it and your ID card to collect the result, or ask your agent to collect it for you.
receipt-seal = Seal of the accepting office
notice-title = One-time notice
notice-subtitle = (materials to complete)
notice-document-title = One-time notice { $name }
notice-greeting = Dear { $name },
notice-body = You applied for "{ $item }" on { $date }. { $count } of the required materials are missing. Under the one-time notice rule, here is everything still needed, all at once. Please bring them to the hall, or give them to your village agent.
notice-missing = Materials still needed ({ $count })
notice-form = Copies and form: { $form }
notice-source = Where to get it: { $source }
notice-check = What is checked: { $check }
notice-received = Already received: { $list }
notice-promise = The case is accepted on the day the materials are complete and done within { $days } working days.
notice-promise-instant = Once the materials are complete, it is done on the spot.
notice-no-more = Nothing beyond the materials above will be asked of you.
notice-contacts = Contacts
notice-hall = at the hall, { $window }, phone { $phone };
notice-consult = questions about this service: { $phone }.
notice-reference = Reference: { $id }
notice-seal = Seal of the notifying office
card-title = Convenience card
card-document-title = Convenience cards { $name }
card-number = No. { $number }
card-head = Head
card-village = Village
card-agent = Agent
card-agent-none = Please call the hall
card-hall-phone = Hall phone
card-hours = Hours
card-hotline = Farm hotline
card-scan = Scan for the card number
card-back-title = Common services
card-back-intro = At the hall, or through your agent ({ $count } services)
card-address = Address: { $address }
card-issued = Issued { $date }
card-sheet-front = front
card-sheet-back = back (duplex, flip on the long edge)
card-sheet-label = { $title }, sheet { $sheet } of { $sheets }, { $side }
handbook-policy-title = Farm subsidy policy handbook
handbook-policy-subtitle = Subsidies for farmers and farming
handbook-edition = { $year } edition
handbook-policy-count = { $count } subsidy policies
handbook-contact = Phone { $phone }, hours: { $hours }
handbook-contents = Contents
handbook-foreword-title = About this handbook
handbook-foreword = This handbook collects the subsidy policies farmers ask about most: for each, who qualifies, the standard, how to apply, the department and its phone. Standards and amounts may change every year; where a policy says "subject to the latest local policy", the county's and the village's latest notices apply. Apply at { $hall }, or through your village agent; with questions, call the hall on { $phone }.
handbook-phone = Phone: { $phone }
handbook-page = { $page }

## sync
sync-error-not-configured = Sync with the county is not set up: run sync config with the address and device token first.
sync-error-bad-url = The county address cannot be used: { $url }
sync-error-plain-http = To protect the device token, unencrypted http may only reach this machine; use https for { $host }.
sync-error-bad-token = The device token is empty or contains spaces.
sync-error-unreachable = The county cannot be reached ({ $detail }); will retry automatically.
sync-error-timeout = The county did not answer in time; will retry automatically.
sync-error-unauthorized = The county does not accept this terminal's device token (wrong or expired); ask the county for a new one.
sync-error-wrong-identity = This token belongs to terminal { $device } of hall { $hall }, but this is terminal { $our_device } of hall { $our_hall }.
sync-error-gap = The county is missing earlier records (it expects number { $expected }); import or resend the earlier data first.
sync-error-server = The county had an error ({ $status }); will retry automatically.
sync-error-protocol = The county's answer could not be read: { $detail }
sync-error-busy = Another sync is running; please wait.
sync-error-no-hall = This terminal has no hall profile yet, so it cannot sync.
sync-error-io = File error: { $detail }
sync-error-store = Database error: { $detail }
sync-bundle-kind-events = a hall bundle
sync-bundle-kind-reply = a county reply
sync-bundle-not-a-bundle = This file is not a bianmin bundle.
sync-bundle-truncated = The bundle is incomplete (its end is missing); it may not have been copied fully. Nothing was changed.
sync-bundle-damaged = Line { $line } of the bundle is damaged. Nothing was changed.
sync-bundle-digest = The bundle's content does not match its checksum; the file is damaged or was altered. Nothing was changed.
sync-bundle-wrong-key = The bundle's signature does not match this device's key. Nothing was changed.
sync-bundle-wrong-kind = This needs { $expected }, but the file is { $found }.
sync-bundle-foreign-hall = The bundle belongs to hall { $found }, not this hall ({ $expected }). Nothing was changed.
sync-bundle-unknown-device = Hall { $hall } has no registered terminal { $device }.
sync-bundle-gap = Records before this bundle have not arrived (expected number { $expected }, the bundle starts at { $found }); import the earlier bundle first.
sync-bundle-out-of-order = The bundle's records are out of order (at number { $found }). Nothing was changed.
sync-bundle-count = The bundle says it holds { $declared } entries but holds { $found }. Nothing was changed.
sync-bundle-older-reply = This reply is older than the one this terminal already imported ({ $bundle } < { $have }); it cannot be imported.
sync-run-done = Sync done: sent { $pushed } (accepted { $accepted }, duplicate { $duplicate }, rejected { $rejected }), received { $pulled } (applied { $applied }, conflicts { $conflicts }).
sync-run-waiting = The last sync failed; the next try is at { $at }. Use sync run to sync now.
sync-config-saved = Sync settings saved: { $url }
sync-export-done = Exported { $count } records (numbers { $first }–{ $last }) to { $file }
sync-export-empty = Nothing waits to be sent; exported an empty bundle to { $file }
sync-import-done = Reply imported: { $acks } acknowledged, { $applied } applied, { $conflicts } conflicts.
county-device-added = Registered terminal { $device } "{ $name }" of hall { $hall }. The token is shown only this once; hand it to that terminal safely:
county-listening = County receiver listening on { $addr }
county-stopped = County receiver stopped.
county-decided = County decision recorded: { $number } → { $result }
county-imported = Imported the bundle of hall { $hall }, terminal { $device }: { $accepted } new, { $duplicate } duplicate, { $rejected } rejected.
county-reply-done = Exported the reply for hall { $hall }: { $count } lines to { $file }
county-error-unknown-case = The county has no case numbered { $number }.
county-error-closed = Case { $number } is already completed or returned; no further decision.
county-error-bad-result = The result is done or returned.
county-error-device-taken = Terminal { $device } of hall { $hall } is registered already.
county-error-bad-device = A device code is two digits, 01–99.
county-error-bad-hall = A hall code is the 9-digit township code.
county-error-not-decidable = Case { $number } is { $state }; that decision cannot be made now (completion needs "in progress" or "reported to county").
sync-error-no-address = This terminal syncs by USB only (no county address); set one with sync config --url to sync over the network.
sync-config-saved-usb = Device token saved: this terminal syncs by USB bundles only.
