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
print-error-no-service = This computer has no print service (CUPS). Save the PDF to a folder or USB stick instead.
print-error-service-stopped = The print service is not running: { $detail }. Restart it, or save the PDF to a folder.
print-error-refused = Printer "{ $printer }" did not take the job: { $reason }. The document is kept at { $kept }.
print-error-write = Cannot write { $path }: { $detail }. Please check the folder or USB stick.
receipt-title = Receipt
receipt-document-title = Receipt { $number }
receipt-number = Case no.
receipt-item = Service
receipt-applicant = Applicant
receipt-id-number = ID number
receipt-village = Village
receipt-accepted-at = Accepted
receipt-due = Promised by
receipt-due-date = { $date } ({ $days } work days)
receipt-due-days = within { $days } working days of acceptance
receipt-due-instant = Done on the day it is accepted
receipt-department = Department
receipt-window = Window
receipt-agent = Agent
receipt-fee = Fee
receipt-materials = Materials received ({ $count })
receipt-materials-none = This service needs no papers.
receipt-progress = Checking progress
receipt-progress-kiosk = hall kiosk: tap "Check progress" and enter the case number;
receipt-progress-phone = call the hall on { $phone };
receipt-progress-agent = call your agent { $name } on { $phone };
receipt-progress-agent-name = ask your agent { $name };
receipt-progress-qr = scan the QR code to keep the case number on a phone.
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
card-number-reprint = No. { $number } · reprint { $count }
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
handbook-service-title = Service Handbook
handbook-service-subtitle = Agricultural proxy services: what to bring and how it is done
handbook-service-count = { $count } services
handbook-commitments = Our commitments and contacts
handbook-service-foreword = { $hall } handles { $count } agriculture-related proxy services in one place. For each service this handbook gives the department, the window, the time limit, the fee, the materials to bring and the procedure. Please bring everything listed, or ask your village agent to apply for you; if anything is missing, the window tells you everything that is missing at once.
handbook-contacts = Contact us
handbook-address = Address
handbook-hall-phone = Hall phone
handbook-hours = Opening hours
handbook-windows = Windows
handbook-hotline = Farm-input line
handbook-supervision = Complaints
handbook-item-department = Department
handbook-item-window = Window
handbook-item-limit = Time limit
handbook-item-legal = Legal limit
handbook-item-visits = Visits
handbook-item-fee = Fee

## print screen
desk-print = Print
case-print-receipt = Print receipt
case-print-notice = Print notice
print-screen-title = Print
print-screen-what = What to print
print-screen-kind-card = One household's card
print-screen-kind-village = A village's cards
print-screen-kind-receipt = Receipt / notice
print-screen-kind-policy = Policy handbook
print-screen-kind-service = Service handbook
print-screen-household-search = Type the head's name or ID number
print-screen-household-none = No such household. Please try another spelling.
print-screen-household-chosen = Head: { $name } · { $village }
print-screen-village-choose = Choose a village
print-screen-layout-single = Card printer (one per page)
print-screen-layout-sheet = A4 paper (10 cards a sheet)
print-screen-case-number = Type the case number
print-screen-case-show = Preview receipt
print-screen-booklet = Booklet (A4 duplex, fold and staple)
print-screen-preview-empty = Choose what to print: the printed pages show here.
print-screen-page-of = Page { $page } of { $pages }
print-screen-previous = Previous
print-screen-next = Next
print-screen-output = Print or save
print-screen-printer-choose = Choose a printer
print-screen-printer-default = { $name } (default)
print-screen-printer-paused = { $name } (paused, not accepting jobs)
print-screen-refresh = Refresh printers
print-screen-no-printers = The print service has no printer yet: for now the PDF can only be saved (also to a USB stick).
print-screen-copies = Copies: { $copies }
print-screen-fewer = One fewer
print-screen-more = One more
print-screen-duplex = Two-sided
print-screen-print = Print
print-screen-printed = Sent to printer { $printer }, { $copies } copies.
print-screen-folder = Save to folder (a USB stick path works)
print-screen-save = Save PDF
print-screen-saved = Saved: { $path }
print-screen-nothing = Please choose what to print first.
print-screen-choose-printer = Please choose a printer first.
print-screen-log = Latest prints
print-screen-log-empty = Nothing printed yet.
print-screen-log-entry = { $when }  { $who }  { $what } { $subject }  { $copies } × → { $destination }
print-screen-log-nobody = (not logged in)
print-screen-doc-card = Card
print-screen-doc-receipt = Receipt
print-screen-doc-notice = One-time notice
print-screen-doc-policy-handbook = Policy handbook
print-screen-doc-service-handbook = Service handbook
print-screen-back-to-case = Back to the case
print-screen-log-card = { $name } ({ $village })
print-screen-log-cards = { $count } households of { $village }
print-screen-zoom-in = Zoom in
print-screen-zoom-out = Zoom out
print-screen-folder-empty = Please type the folder (or USB stick) to save to first.
