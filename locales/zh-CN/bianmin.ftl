## 通用
app-title = 便民服务
not-found = 没有找到这一项，请返回上一页。
nav-back = ← 返回
nav-home = 首页

## 首页
home-welcome = 欢迎！本大厅一站式代办 { $count } 项涉农为民服务，请点下面的大按钮。
home-guide = 办事指南
home-guide-hint = { $count } 项服务：办什么、带什么、怎么办
home-policies = 惠农政策
home-policies-hint = 补贴给谁、补多少、怎么领
home-notices = 公开栏
home-notices-hint = 农资、科技、医疗、就业、社保信息
home-search = 搜索
home-search-hint = 拼音首字母也能找，如 GDDL
hall-phone = 大厅电话：
hall-hours = 办公时间：
hall-hotline-168 = 农资热线：
hall-supervision = 监督电话：
hall-address = 地址：

## 字号与语言
display-smaller = 字变小
display-bigger = 字变大
display-size = 字号 { $px }
display-elder = 长辈版
display-language = English

## 办事指南
catalog-title = 办事指南
catalog-hint = 请选择要办的事属于哪一类。
catalog-item-count = 共 { $count } 项
item-instant = 即办件，当场办结
item-promised = 承诺件，{ $days } 个工作日内办结
item-time-and-fee = 时限与收费
item-promise = 办结时限：
item-legal-limit = 法定时限：
item-legal-days = { $days } 个工作日
item-legal-none = 法律未规定
item-fee = 收费标准：
item-fee-free = 免费
item-fee-yuan = { $yuan } 元
item-visits = 到现场次数：
item-visits-count = 最多跑 { $visits } 次
item-department = 办理部门：
item-window = 办理窗口：
item-window-named = { $number } 号窗口（{ $name }）
item-window-number = { $number } 号窗口
item-conditions = 办理条件
item-materials = 一次性告知：需带材料（共 { $count } 件，其中必带 { $required } 件）
material-required = 必带
material-optional = 视情况
material-form = 规格：
material-copies = { $copies } 份
material-copies-none = 原件核验即可
material-source = 哪里开：
material-check = 审查要点：
item-procedure = 办事流程
flow-step-actor = 办理人：{ $actor }
flow-step-days = 约 { $days } 个工作日
item-legal-basis = 办理依据
item-contacts = 咨询与监督
item-consult-phone = 咨询电话：
item-supervision-phone = 监督电话：
unverified-note = 以当地最新政策为准。如有疑问，请向窗口工作人员咨询。

## 惠农政策
policies-title = 惠农政策
policy-who = 补贴对象
policy-standard = 补贴标准
policy-how = 怎么申领
policy-contact = 主管部门与电话
policy-department = 主管部门：
policy-year = 政策年度：
policy-related = 相关办事指南

## 公开栏
notices-title = 公开栏
notices-empty = 这一栏暂时没有信息。
notice-sample = 示例信息：请以大厅张贴的最新通知为准。

## 搜索
search-title = 搜索
search-hint = 点字母输入拼音或首字母，例如 GDDL 或 gengdi；也可以用输入法输入汉字，例如“低保”。
search-placeholder = 在这里输入
search-count = 找到 { $count } 条
search-none = 没有找到，请换个说法试试，或到窗口咨询。
keypad-backspace = 删除
keypad-clear = 清空
kind-item = 办事指南
kind-policy = 惠农政策
kind-notice = 公开栏

## 无人操作
idle-title = 还在吗？
idle-countdown = { $seconds } 秒后回到首页
idle-continue = 继续

## 内容文件
content-problems = 内容文件有 { $count } 处错误，正在使用上次的内容。第一处：{ $first }
content-error = 内容文件 { $file } 中条目 { $entry } 的字段 { $field } 有误：{ $problem }
problem-empty = 不能为空
problem-empty-list = 至少需要一项
problem-duplicate = 编号 { $id } 重复
problem-unknown-reference = 引用的“{ $name }”不存在
problem-out-of-range = 数值 { $value } 超出合理范围
problem-kind-mismatch = 即办件的承诺时限必须为 0 个工作日，承诺件必须大于 0
problem-invalid = 格式不对（{ $detail }）

## 首页：查进度与工作人员入口
home-status = 查进度
home-status-hint = 输入回执上的办件编号，查看办到哪一步
home-staff = 工作人员登录

## 查进度
status-title = 查办理进度
status-by-number = 按办件编号查
status-by-name = 按姓名和身份证后六位查
status-number = 办件编号（回执上的 23 位数字）：
status-name = 申请人姓名：
status-last6 = 身份证号码后六位：
status-lookup = 查询
status-invalid = 请输入完整的 23 位办件编号，或姓名加身份证号码后六位。
status-none = 没有查到。请核对后再试，或到窗口询问。
status-due = 承诺办结日期：{ $date }
status-no-due = 材料补齐受理后才有办结日期

## 登录与注册
login-title = 工作人员登录
login-by-account = 账号登录
login-by-phone = 手机登录
login-account = 账号：
login-phone = 手机号码：
login-password = 密码：
login-submit = 登录
login-register = 立即注册
login-wrong = 账号或密码不对，还可以再试 { $remaining } 次。
login-locked = 密码连续输错 5 次，账号已锁定，请在 { $until } 以后再试，或请管理员重置密码。
login-pending = 账号还在等待管理员审核，审核通过后才能登录。
login-disabled = 账号已停用，请联系管理员。
register-title = 注册账号
register-name = 姓名：
register-phone = 手机号码：
register-login = 账号（登录用，不含空格）：
register-password = 密码（至少 8 位）：
register-repeat = 再输一次密码：
register-submit = 提交注册
register-done = 注册已提交，请等待管理员审核。审核通过后即可用账号或手机号登录。
register-to-login = 返回登录
setup-title = 初始设置：创建管理员
setup-hint = 这台终端还没有管理员。请创建第一个管理员账号，以后由管理员审核其他人的注册。

## 工作台
desk-cases = 案件列表
desk-new-application = 新建申请
desk-new-household = 户籍登记
desk-accounts = 账号管理
desk-logout = 退出登录
role-agent = 代办员
role-staff = 工作人员
role-admin = 管理员
status-pending = 待审核
status-active = 正常
status-disabled = 已停用

## 案件
state-awaiting-correction = 待补正
state-accepted = 已受理
state-in-progress = 代办中
state-reported = 已报送县级
state-completed = 已办结
state-returned = 退回
state-refused = 不予受理
move-accept = 材料已补齐，受理
move-start = 开始代办
move-report = 报送县级
move-complete = 办结
move-return = 退回
move-refuse = 不予受理
urgency-due-soon = 即将到期
urgency-overdue = 已超期
cases-title = 案件列表
cases-count = 共 { $count } 件
cases-first-page = 最近的 { $count } 件（用上面的筛选或搜索缩小范围）
cases-agent = 代办员 { $agent }
cases-due = 承诺 { $date } 前办结
cases-no-number = （待补正，暂无编号）
filter-any = 全部
filter-state = 状态
filter-item = 事项
filter-village = 村
filter-overdue = 只看超期的
filter-search = 按姓名、身份证号或办件编号搜索
case-number = 办件编号：
case-state = 当前状态：
case-applicant = 申请人：
case-id-number = 身份证号码：
case-village = 村：
case-agent = 负责代办员：
case-accepted = 受理时间：
case-due = 承诺办结：
case-materials = 材料清单
case-notice-missing = 一次性告知：还需补齐以下材料：{ $materials }
case-next = 下一步
case-note = 说明（退回、不予受理时必填）
case-history = 办理记录
case-still-missing = 还缺必要材料：{ $materials }
case-reason-required = 请填写原因。
case-not-responsible = 只有负责这件事的代办员或管理员可以操作。
case-illegal = 当前状态下不能这样操作。
handover-title = 转交其他代办员
handover-choose = 选择接手的代办员
handover-note = 转交说明（必填）
handover-submit = 转交
history-created = 登记申请
history-handover = 转交给 { $to }

## 新建申请
intake-title = 新建代办申请
intake-search = 输入户主姓名或身份证号查找农户
intake-household = 农户：
intake-applicant = 申请人：
intake-item = 办理事项：
intake-item-choose = 选择事项
intake-materials = 收到的材料（逐项核对后打勾）
intake-save = 保存
intake-incomplete = 请先选择农户、申请人和事项。

## 户籍登记
household-title = 农户登记
household-head = 户主姓名：
household-id = 身份证号码：
household-born = 出生日期 { $date } · { $sex }
household-phone = 联系电话（手机或固定电话）：
household-village = 村：
household-village-choose = 选择村
household-group = 组（村民小组号）：
household-member = 家庭成员 { $number }
household-member-name = 姓名：
household-relation = 与户主关系：
household-member-add = 添加家庭成员
household-member-remove = 删除这位成员
household-save = 保存
household-saved = 已登记农户 { $name }，可以为该户新建申请。
household-existing = 这个身份证号已登记过，已打开 { $name } 户，可以直接新建申请。
household-person-elsewhere = 身份证号 { $id } 已登记在其他农户中。
sex-male = 男
sex-female = 女

## 账号管理
accounts-title = 账号管理
accounts-new-password = 重置用的新密码（至少 8 位）：
accounts-approve = 审核通过
accounts-disable = 停用
accounts-enable = 启用
accounts-reset = 重置密码
accounts-reset-done = 密码已重置，请当面告知本人。

## 表单错误
error-required = 这一项必须填写。
error-too-long = 太长了，最多 { $max } 个字。
error-control = 含有不能显示的控制字符，请重新输入。
error-id-length = 身份证号码应为 18 位（旧证 15 位），现在是 { $length } 位。
error-id-digits = 身份证号码只能是数字，最后一位可以是 X。
error-id-date = 身份证号码里的出生日期不存在，请核对。
error-id-check = 身份证号码校验位不对（按前 17 位计算应为 { $expected }），请核对是否输错。
error-id-future = 出生日期晚于今天，请核对。
error-id-repeated = 这个身份证号码在本户中重复了。
error-phone-length = 电话号码位数不对（现在是 { $length } 位）：手机 11 位，固定电话带区号 10 到 12 位。
error-phone-digits = 电话号码只能是数字（区号后可以加短横线）。
error-phone-kind = 不是有效的手机号码或带区号的固定电话。
error-village = 请从列表中选择村。
error-group = 组号应在 1 到 { $groups } 之间。
error-password-short = 密码至少 8 位。
error-password-mismatch = 两次输入的密码不一样。
error-login-spaces = 账号不能有空格。
error-login-taken = 这个账号名已被使用。
error-phone-taken = 这个手机号码已注册过。
error-store = 保存失败，数据没有改动：{ $detail }
case-calendar-missing = { $year } 年的法定节假日还没有录入日历，办结日期只扣除了周末，请核对（assets/calendar/cn-holidays.toml）。
filter-agent = 代办员

## 打印：回执、一次性告知单、便民服务卡
print-date = { $year }年{ $month }月{ $day }日
print-printed-at = 打印时间：{ $time }
print-page-of = 第 { $page } 页，共 { $pages } 页
print-village-group = { $village }{ $group }组
print-window = { $number }号 { $name }
print-window-number = { $number }号窗口
print-fee-free = 不收费
print-fee-yuan = { $yuan } 元
print-supervision = 监督投诉：{ $phone } { $note }
print-applicant-signature = 申请人签收：
print-signature-date = 签收日期：
print-error-unknown-case = 没有找到办件“{ $case }”，请核对办件编号。
print-error-nothing-to-print = 办件“{ $case }”未受理就已结束，没有回执或告知单可打印。
print-error-unknown-household = 没有找到农户“{ $household }”。
print-error-unknown-village = “{ $village }”不是本乡的村，请从村名单中选择。
print-error-no-households = { $village }还没有登记农户，没有可打印的便民服务卡。
print-error-unknown-item = 办事指南中没有事项“{ $item }”，无法打印。
print-error-missing-glyphs = 无法打印：字体中没有这些字符：{ $characters }。请核对并改正后再打印。
print-error-qr = 无法生成二维码：{ $detail }
print-error-pdf = 无法生成 PDF：{ $detail }
print-error-store = 读取数据失败：{ $detail }
receipt-title = 受理回执
receipt-document-title = 受理回执 { $number }
receipt-number = 办件编号
receipt-item = 申请事项
receipt-applicant = 申请人
receipt-id-number = 身份证号
receipt-village = 村组
receipt-accepted-at = 受理时间
receipt-due = 承诺办结
receipt-due-date = { $date }前（承诺 { $days } 个工作日）
receipt-due-days = 受理后 { $days } 个工作日内
receipt-due-instant = 即办件，受理当日办结
receipt-department = 承办部门
receipt-window = 受理窗口
receipt-agent = 代办员
receipt-fee = 收费
receipt-materials = 已收材料（共 { $count } 项）
receipt-materials-none = 本事项无需提交材料。
receipt-progress = 办理进度查询
receipt-progress-kiosk = 在大厅自助机上点“查进度”，输入本回执上的办件编号；
receipt-progress-phone = 拨打大厅电话 { $phone }；
receipt-progress-agent = 联系代办员 { $name }，电话 { $phone }；
receipt-progress-agent-name = 联系代办员 { $name }；
receipt-progress-qr = 右侧二维码即办件编号，可用手机扫码保存。
receipt-qr-caption = 办件编号二维码
receipt-keep = 请妥善保管本回执。办结后凭本回执和本人身份证领取办理结果，也可委托代办员代领。
receipt-seal = 受理单位（盖章）
notice-title = 一次性告知单
notice-subtitle = （补正材料通知）
notice-document-title = 一次性告知单 { $name }
notice-greeting = { $name }：
notice-body = 您于{ $date }申请办理的“{ $item }”，经审查，申请材料还缺 { $count } 项。按照一次性告知制度，现将需要补正的全部材料一次性告知如下。请补齐后到大厅办理，也可以交给本村代办员代办。
notice-missing = 需补正的材料（共 { $count } 项）
notice-form = 份数规格：{ $form }
notice-source = 从哪里取得：{ $source }
notice-check = 审查要点：{ $check }
notice-received = 已收到的材料：{ $list }
notice-promise = 材料补齐当日即予受理，受理后 { $days } 个工作日内办结。
notice-promise-instant = 材料补齐后当场办结。
notice-no-more = 除以上材料外，不会再要求您提供其他材料。
notice-contacts = 联系方式
notice-hall = 到大厅 { $window } 办理，大厅电话 { $phone }；
notice-consult = 事项咨询电话 { $phone }。
notice-reference = 登记号：{ $id }
notice-seal = 告知单位（盖章）
card-title = 便民服务卡
card-document-title = 便民服务卡 { $name }
card-number = 卡号 { $number }
card-head = 户主
card-village = 村组
card-agent = 代办员
card-agent-none = 请拨打大厅电话
card-hall-phone = 大厅电话
card-hours = 办公时间
card-hotline = 农资热线
card-scan = 扫码识别卡号
card-back-title = 常用服务
card-back-intro = 到大厅办理，或请代办员代办（共 { $count } 项）
card-address = 地址：{ $address }
card-issued = 发卡日期：{ $date }
card-sheet-front = 正面
card-sheet-back = 背面（长边翻转双面打印）
card-sheet-label = { $title } 第 { $sheet } 张，共 { $sheets } 张 · { $side }
handbook-policy-title = 惠农政策补贴手册
handbook-policy-subtitle = 强农惠农富农补贴政策汇编
handbook-edition = { $year }年版
handbook-policy-count = 共收录 { $count } 项补贴政策
handbook-contact = 咨询电话：{ $phone }　办公时间：{ $hours }
handbook-contents = 目录
handbook-foreword-title = 说明
handbook-foreword = 本手册汇集了农户常问的强农惠农富农补贴政策，每项政策写明补贴对象、补贴标准、怎么申领、主管部门和咨询电话。补贴标准和金额每年可能调整，注明“以当地最新政策为准”的，请以县有关部门和村里最新公示为准。需要申请的，可以到{ $hall }办理，也可以请本村代办员代办；有疑问请拨打大厅电话 { $phone }。
handbook-phone = 咨询电话：{ $phone }
handbook-page = — { $page } —
