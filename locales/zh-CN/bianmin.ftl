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
