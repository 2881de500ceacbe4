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
