/** Help texts (简体中文; command and option names in English). Kept free of imports: `--help` stays fast. */

export const MAIN_HELP = `nianbao — 政府信息公开工作年度报告的命令行与终端界面

用法：
  nianbao                       打开终端界面（当前文件夹的报告列表）
  nianbao <命令> [参数] [选项]

命令：
  check FILE…                   检查报告（JSON 或已发布的文本、HTML、PDF、Word、Excel 表格），可以是多个文件或文件夹
  import FILE -o OUT.json       把已发布的报告导入为 JSON，并打印导入诊断
  render FILE --format F -o OUT 输出为 docx、html、md、xlsx、csv 或 json
  summary FILE…                 一份报告的指标摘要，或多份报告的汇总
  compare OLD NEW               两个年度的对比及跨年核对（--format 写出同比文件）
  new --year Y --agency 名称    新建一份空白报告
  edit FILE|DIR                 在终端界面中编辑报告，或打开文件夹视图
  list / pull / push            与服务器交换报告（需 --server 与 --token）
                                check、summary、compare 加 --server 时使用服务器上的报告
  rules                         列出全部检查规则

通用选项：
  -h, --help                    显示帮助（每个命令都有：nianbao check --help）
  -v, --version                 显示版本
  --server URL                  服务器地址（或环境变量 NIANBAO_SERVER）
  --token TOKEN                 访问令牌（或环境变量 NIANBAO_TOKEN）
  环境变量 NIANBAO_TIMEOUT      每次访问服务器最多等待的秒数（默认 120），超时退出码 2（SERVER_TIMEOUT）

服务器上的报告：报告编号（nianbao list 第一列），或「机关/年度」——机关名称或机关编号加年度，
如 示例县交通运输局/2024。

退出码：0 无错误；1 发现错误；2 输入无法使用或用法错误。
设置 NO_COLOR 可关闭颜色。`;

export const HELP: Record<string, string> = {
  check: `用法：nianbao check FILE|DIR… [选项]

检查报告：本系统的 JSON，或导入模块能读取的已发布报告（.txt、.html、.pdf、.docx、.xlsx）。
给出文件夹时检查其中全部报告文件；「-」从标准输入读取一份报告（如 cat 报告.json | nianbao check -，按内容识别格式）。

选项：
  --json                以 JSON 输出（核心检查结果原样输出），供程序使用
  --previous FILE|DIR   上一年度的报告，用于跨年核对：只与同一机关（机关编号，没有编号时按名称）的上一年度
                        报告核对；文件夹中无法读取的文件跳过并注明；另一机关的报告不核对（要比较用 compare）
                        加 --server 时也可以是服务器上的报告；不给出时自动取服务器上同一机关的上一年度报告
  --config FILE         规则设置（JSON：{"rules": {"N4": "off", "T3-W1": {"options": {"maxRatio": 0.3}}}}）
  --details             检查多份报告时也逐份列出问题
  --verbose             因缺数无法核对的规则也逐项列出（默认按表合成一行）
  -o, --output FILE     同时写出问题清单（.xlsx：汇总与问题清单两张表；.csv：每条问题一行），可交各机关整改或附于通报
  -f, --format xlsx|csv 问题清单的格式（默认按 -o 的扩展名）；--format csv 不给 -o 时把 CSV 写到标准输出（代替表格）
  --jobs N              并行检查的线程数（默认按 CPU 数）
  --server URL --token TOKEN  检查服务器上的报告（参数为报告编号或 机关/年度）：结果即平台的结论（服务器的规则设置、
                        发布日期；在服务器上已忽略的问题列为「已忽略」，不计入退出码）；加 --previous 或 --config 时在本机检查
  --region 地区 --year 年度    检查服务器上一个地区（机关名称或编号）本身及其下属全部机关该年度的报告
  --status 状态,…       与 --region 同用：只检查这些状态的报告（draft 草稿、submitted 已提交、returned 已退回、
                        approved 已通过、published 已发布；默认全部，并列出没有本年度报告的机关）；
                        none 未创建：没有本年度报告的机关（单用时只列出它们，退出码 0）
                        地区该年度没有报告时：说明并列出没有报告的机关，没有检查任何报告，退出码 2（NO_REPORTS）

退出码：0 无错误；1 发现错误（含跨年不衔接）；2 有输入无法使用，或没有检查任何报告。`,
  import: `用法：nianbao import FILE -o OUT.json [--json]

把已发布的报告（文本、HTML、PDF、Word）或填好表格的 Excel（.xlsx，只含表格）导入为本系统的 JSON，并打印导入诊断。
FILE 为「-」时从标准输入读取（按内容识别格式）；不给 -o 时 JSON 写到标准输出（此时不能加 --json）。

选项：
  -o, --output FILE     输出文件（默认：与输入同名的 .json）；「-o -」写到标准输出
  --force               输出文件已存在且与本次导入结果不同（如已编辑过）时覆盖（默认不覆盖）
  --json                以 JSON 输出诊断（含 exitCode）

退出码：0 读取完整，无导入错误；1 已导入，但有导入错误（有表格或行没有读出来，这些单元格缺失）；
2 没有读到任何数字（仍写出 JSON，单元格全部缺失）、输入无法读取、输出文件已存在或用法错误。`,
  render: `用法：nianbao render FILE --format docx|html|md|xlsx|csv|json -o OUT

按全国统一格式输出报告。文本格式（html、md、csv、json）未给 -o 时输出到标准输出。
一个数字都没有读到的已发布文件（不是年度报告，或表格没有读出来）不输出，退出码 2（NO_NUMBERS，与 check 一致）。

选项：
  -f, --format F        输出格式：docx、html、md、xlsx、csv、json；省略时按 -o 的扩展名
  -o, --output FILE     输出文件；扩展名须与 --format 一致（--format md -o 报告.docx 会被拒绝，退出码 2）；
                        「-o -」写到标准输出（文本格式）`,
  summary: `用法：nianbao summary FILE… [--json] [--agency 名称] [--year 年度]
      nianbao summary --server URL --token TOKEN 报告… [--json] [--agency 名称]
      nianbao summary --server URL --token TOKEN --region 地区 --year 年度 [--status 状态,…] [--json]

一份报告：申请总量、公开率、纠错率等指标及对应的说明语句。
多份报告（同一年度、同一格式）：汇总后的指标，空白单元格不按 0 计。
服务器上的报告：报告编号（nianbao list 第一列），或 机关/年度（机关名称或机关编号，如 示例县交通运输局/2024）。
地区汇总：服务器上一个地区（机关）本身及其下属全部机关某一年度的报告之和。
一个数字都没有读到的已发布文件（不是年度报告，或表格没有读出来）不生成摘要、不计入汇总，退出码 2（NO_NUMBERS，与 check 一致）。

选项：
  --json                以 JSON 输出
  --agency 名称         汇总报告的机关名称（默认「汇总」）
  --server URL --token TOKEN  使用服务器上的报告（或环境变量 NIANBAO_SERVER、NIANBAO_TOKEN）
  --region 地区         地区汇总：地区的机关名称或机关编号
  --year 年度           只汇总这一年度的报告（一个文件夹里有多个年度时；其他年度的报告在注中列出）；
                        地区汇总（--region）的年度
  --status 状态,…       地区汇总只包括这些状态的报告：draft 草稿、submitted 已提交、returned 已退回、
                        approved 已通过、published 已发布（可写英文或中文；默认只汇总已提交、已通过、已发布的报告，
                        草稿和已退回的不计入）；未计入的报告逐一列出（--json：notCounted）`,
  compare: `用法：nianbao compare OLD NEW [--json] [--all]（先上一年度，再本年度）
      nianbao compare OLD NEW --format md|html|docx|xlsx|csv [-o 文件]
      nianbao compare --server URL --token TOKEN 报告 报告 [--json] [--all] [--format 格式 -o 文件]

两个年度报告的对比（不同格式版本只比较共同口径），并进行跨年核对（X1–X6）。
一个数字都没有读到的已发布文件（不是年度报告，或表格没有读出来）不对比，退出码 2（NO_NUMBERS，与 check 一致）。
服务器上的报告：报告编号，或 机关/年度，如 示例县交通运输局/2024 示例县交通运输局/2025。

选项：
  --json                以 JSON 输出
  --all                 列出全部可比项目（默认只列出有变化的）
  -f, --format 格式     写出同比文件（交给领导或审核人）：md、html、docx（Word）、xlsx（Excel）、csv；
                        文件列出全部可比项目（逐表：上年、本年、增减、增减率）、不可比项目和跨年核对；
                        省略时按 -o 的扩展名
  -o, --output 文件     写入文件（docx、xlsx 必须给出；md、html、csv 不给或「-o -」则输出到标准输出；csv 文件带 BOM）
  --server URL --token TOKEN  比较服务器上的两份报告（或环境变量 NIANBAO_SERVER、NIANBAO_TOKEN）

退出码：0 无跨年错误；1 有跨年错误；2 输入无法使用。`,
  new: `用法：nianbao new --year YEAR --agency 名称 [-o OUT.json] [--zero]

新建一份报告：格式版本按年度确定，全部单元格为空白。

选项：
  --year YEAR           报告年度
  --agency 名称         机关名称
  -o, --output FILE     输出文件（默认或「-o -」：输出到标准输出）
  --zero                全部单元格填 0（合计按各项之和计算）
  --scope agency|region 报告范围（默认 agency）
  --force               输出文件已存在时覆盖（默认不覆盖）`,
  edit: `用法：nianbao edit FILE|DIR [--previous FILE]

在终端界面中编辑报告；给出文件夹时打开文件夹视图。
--previous FILE 给出上一年度的报告时，同时进行跨年核对。

按键：方向键或 hjkl 移动，数字键输入，Enter 确认，Esc 取消，x 清空单元格，
Tab 切换表格，f 问题列表，a 应用建议的修改，= 重算合计，e 用 $EDITOR 编辑正文，
s 摘要，w 保存，q 退出，? 帮助。`,
  list: `用法：nianbao list --server URL --token TOKEN [--year 年度] [--region 地区] [--status 状态,…] [--limit N] [--json]

列出服务器上的报告（有权查看的全部，或按条件筛选）。

选项：
  --year 年度           只列出该年度的报告
  --region 地区         只列出该地区（机关名称或编号）本身及其下属机关的报告
  --status 状态,…       只列出这些状态的报告：draft 草稿、submitted 已提交、returned 已退回、approved 已通过、
                        published 已发布（可写英文或中文）；none 未创建：与 --region、--year 同用，
                        列出没有该年度报告的机关（不给 --status 时也列在表下）
  --limit N             最多列出 N 份（默认全部）
  --json                以 JSON 输出（items、total；给出 --region 和 --year 时还有 noReport）`,
  pull: `用法：nianbao pull 报告… --server URL --token TOKEN [-o FILE|DIR] [--force] [--json]

从服务器下载报告为 JSON。报告：报告编号（nianbao list 第一列），或 机关/年度（如 示例县交通运输局/2024）。
下载的版本和文件内容记在同一文件夹的 .nianbao-sync.json 中。本地文件在下载或上传之后改过（尚未上传）时
不覆盖：可用 -o 下载到另一个文件，比较合并后再上传。每份报告一行结果（标准输出）；一份下载不了时
照样下载其余的，退出码 2。

选项：
  -o, --output FILE|DIR  保存到这个文件或文件夹（默认：当前文件夹，文件名为 机关-年度.json）
  --force               覆盖本地文件，放弃其中尚未上传的修改
  --json                以 JSON 输出每份报告的结果（file、ok、reportId、version、code、message）`,
  push: `用法：nianbao push FILE… --server URL --token TOKEN [--agency-id 编号] [--expected-version N] [--note 说明] [--force] [--json]

把报告（JSON 或已发布的报告）上传到服务器，保存为新的版本。用 nianbao pull 下载的文件上传到下载的那份报告，
只在服务器上的版本仍是下载（或上次上传）的版本时保存：别人已保存过新版本时拒绝，不会覆盖。
每个文件都会尝试，每个一行结果（标准输出：报告编号和版本，或未上传的代码和原因）；有文件未上传时退出码 2。

选项：
  --agency-id 编号       服务器上的机关编号（nianbao list --json 的 agencyId）：没有下载记录的 JSON 和已发布的报告
                        需要它；该机关该年度还没有报告时新建
  --expected-version N  服务器上已有该机关该年度的报告、而文件不是从它下载的时：明确覆盖第 N 版
  --note 说明           版本说明
  --force               文件中的机关与目标机关不同（如机关已更名）时仍然上传；服务器保存时改用目标机关的名称
  --json                以 JSON 输出每个文件的结果（file、ok、reportId、version、code、message）`,
  rules: `用法：nianbao rules [--json]

列出全部检查规则：编号、级别、适用格式、说明。`,
};
