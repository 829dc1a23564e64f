"""Fixed word tables: stations, streets, schools, people's names, phone prefixes, hazard
descriptions, activities and topics."""

from __future__ import annotations

# code, station id, short name, town (街道/镇), town government unit id
STATIONS = (
    ("dh", "ps-danghu", "当湖", "当湖街道", "gov-danghu"),
    ("zd", "ps-zhongdai", "钟埭", "钟埭街道", "gov-zhongdai"),
    ("cq", "ps-caoqiao", "曹桥", "曹桥街道", "gov-caoqiao"),
    ("zp", "ps-zhapu", "乍浦", "乍浦镇", "gov-zhapu"),
    ("xd", "ps-xindai", "新埭", "新埭镇", "gov-xindai"),
    ("xc", "ps-xincang", "新仓", "新仓镇", "gov-xincang"),
    ("gc", "ps-guangchen", "广陈", "广陈镇", "gov-guangchen"),
    ("ld", "ps-lindai", "林埭", "林埭镇", "gov-lindai"),
    ("dsg", "ps-dushangang", "独山港", "独山港镇", "gov-dushangang"),
)
STATION_IDS = [s[1] for s in STATIONS]
CODE_OF = {s[1]: s[0] for s in STATIONS}
SHORT_OF = {s[1]: s[2] for s in STATIONS}

STREETS = {
    "dh": [
        "当湖路",
        "胜利路",
        "环城北路",
        "新华中路",
        "东湖大道",
        "三港路",
        "南市路",
        "广场路",
        "建国路",
        "梅兴路",
        "新城路",
        "解放西路",
    ],
    "zd": ["钟埭路", "沈家弄路", "新港路", "兴平路"],
    "cq": ["曹桥路", "百寿路", "马厩路", "曹兑港路"],
    "zp": ["雅山路", "天妃路", "汤山路", "中山路", "乍王路"],
    "xd": ["新埭路", "鱼圻塘路", "泖口路", "振兴路"],
    "xc": ["新仓路", "三叉河路", "杉青港路", "芦湾路"],
    "gc": ["广陈路", "泗泾路", "前港路", "山塘路"],
    "ld": ["林埭路", "徐埭路", "群丰路"],
    "dsg": ["黄姑路", "全塘路", "独山路", "白沙湾路", "新庙路"],
}

# name, type, tag ("priv" 民办, "new" opened 2012-09-01, "closing" closed 2012-07-10)
SCHOOLS: dict[str, list[tuple[str, str, str]]] = {
    "dh": [
        ("平湖市当湖实验小学", "primary", ""),
        ("平湖市东湖小学", "primary", ""),
        ("平湖市南市小学", "primary", ""),
        ("平湖市稚川小学", "primary", ""),
        ("平湖市行知小学", "primary", ""),
        ("平湖市叔同小学", "primary", ""),
        ("平湖市当湖新城小学", "primary", "new"),
        ("平湖市育英学校", "nine_year", "priv"),
        ("平湖市当湖中学", "junior", ""),
        ("平湖市东湖中学", "junior", ""),
        ("平湖市南市中学", "junior", ""),
        ("平湖市城东高级中学", "senior", ""),
        ("平湖市当湖高级中学", "senior", ""),
        ("平湖市职业中等专业学校", "vocational", ""),
        ("平湖市技工学校", "vocational", ""),
        ("平湖市特殊教育学校", "special", ""),
        ("平湖市少年业余体育学校", "other", ""),
        ("平湖市当湖幼儿园", "kindergarten", ""),
        ("平湖市东湖幼儿园", "kindergarten", ""),
        ("平湖市南市幼儿园", "kindergarten", ""),
        ("平湖市城关幼儿园", "kindergarten", ""),
        ("平湖市实验幼儿园", "kindergarten", ""),
        ("平湖市胜利幼儿园", "kindergarten", ""),
        ("平湖市新城幼儿园", "kindergarten", ""),
        ("平湖市东方幼儿园", "kindergarten", "priv"),
        ("平湖市小天使幼儿园", "kindergarten", "priv"),
        ("平湖市阳光幼儿园", "kindergarten", "priv"),
        ("平湖市蓝天幼儿园", "kindergarten", "priv"),
        ("平湖市童乐幼儿园", "kindergarten", "priv"),
        ("平湖市金色摇篮幼儿园", "kindergarten", "priv"),
    ],
    "zd": [
        ("平湖市钟埭小学", "primary", ""),
        ("平湖市沈家弄小学", "primary", ""),
        ("平湖市新港小学", "primary", ""),
        ("平湖市钟埭中学", "junior", ""),
        ("平湖市博才实验学校", "nine_year", "priv"),
        ("平湖市钟埭中心幼儿园", "kindergarten", ""),
        ("平湖市沈家弄幼儿园", "kindergarten", ""),
        ("平湖市新港幼儿园", "kindergarten", ""),
        ("平湖市钟埭红星幼儿园", "kindergarten", "priv"),
        ("平湖市钟埭育才幼儿园", "kindergarten", "priv"),
        ("平湖市钟埭小博士幼儿园", "kindergarten", "priv"),
        ("平湖市钟埭成人文化技术学校", "other", ""),
    ],
    "cq": [
        ("平湖市曹桥中心小学", "primary", ""),
        ("平湖市曹桥百寿小学", "primary", ""),
        ("平湖市曹桥育才学校", "primary", "priv"),
        ("平湖市曹桥中学", "junior", ""),
        ("平湖市曹桥中心幼儿园", "kindergarten", ""),
        ("平湖市曹桥百寿幼儿园", "kindergarten", ""),
        ("平湖市曹桥马厩幼儿园", "kindergarten", ""),
        ("平湖市曹桥开心幼儿园", "kindergarten", "priv"),
        ("平湖市曹桥蓓蕾幼儿园", "kindergarten", "priv"),
    ],
    "zp": [
        ("平湖市乍浦小学", "primary", ""),
        ("平湖市乍浦天妃小学", "primary", ""),
        ("平湖市乍浦雅山小学", "primary", ""),
        ("平湖市乍浦中学", "junior", ""),
        ("平湖市乍浦第二中学", "junior", ""),
        ("平湖市乍浦高级中学", "senior", ""),
        ("平湖市乍浦启明学校", "nine_year", "priv"),
        ("平湖市乍浦镇中心幼儿园", "kindergarten", ""),
        ("平湖市乍浦天妃幼儿园", "kindergarten", ""),
        ("平湖市乍浦雅山幼儿园", "kindergarten", ""),
        ("平湖市乍浦汤山幼儿园", "kindergarten", ""),
        ("平湖市乍浦港区幼儿园", "kindergarten", "priv"),
        ("平湖市乍浦小太阳幼儿园", "kindergarten", "priv"),
    ],
    "xd": [
        ("平湖市新埭中心小学", "primary", ""),
        ("平湖市新埭鱼圻塘小学", "primary", ""),
        ("平湖市新埭泖口小学", "primary", ""),
        ("平湖市新埭中学", "junior", ""),
        ("平湖市新溪中学", "complete", ""),
        ("平湖市新埭中心幼儿园", "kindergarten", ""),
        ("平湖市新埭鱼圻塘幼儿园", "kindergarten", ""),
        ("平湖市新埭泖口幼儿园", "kindergarten", ""),
        ("平湖市新埭星星幼儿园", "kindergarten", "priv"),
        ("平湖市新埭旭日幼儿园", "kindergarten", "priv"),
    ],
    "xc": [
        ("平湖市新仓中心小学", "primary", ""),
        ("平湖市新仓三叉河小学", "primary", ""),
        ("平湖市新仓芦湾小学", "primary", "closing"),
        ("平湖市新仓育才学校", "primary", "priv"),
        ("平湖市新仓中学", "junior", ""),
        ("平湖市新仓中心幼儿园", "kindergarten", ""),
        ("平湖市新仓三叉河幼儿园", "kindergarten", ""),
        ("平湖市新仓杉青港幼儿园", "kindergarten", ""),
        ("平湖市新仓芦湾幼儿园", "kindergarten", ""),
        ("平湖市新仓阳光幼儿园", "kindergarten", "priv"),
    ],
    "gc": [
        ("平湖市广陈中心小学", "primary", ""),
        ("平湖市广陈泗泾小学", "primary", ""),
        ("平湖市广陈中学", "junior", ""),
        ("平湖市广陈中心幼儿园", "kindergarten", ""),
        ("平湖市广陈泗泾幼儿园", "kindergarten", ""),
        ("平湖市广陈前港幼儿园", "kindergarten", ""),
        ("平湖市广陈山塘幼儿园", "kindergarten", ""),
        ("平湖市广陈新星幼儿园", "kindergarten", "priv"),
    ],
    "ld": [
        ("平湖市林埭中心小学", "primary", ""),
        ("平湖市林埭徐埭小学", "primary", ""),
        ("平湖市林埭中学", "junior", ""),
        ("平湖市林埭中心幼儿园", "kindergarten", ""),
        ("平湖市林埭徐埭幼儿园", "kindergarten", ""),
        ("平湖市林埭群丰幼儿园", "kindergarten", ""),
        ("平湖市林埭启智幼儿园", "kindergarten", "priv"),
    ],
    "dsg": [
        ("平湖市黄姑小学", "primary", ""),
        ("平湖市全塘小学", "primary", ""),
        ("平湖市独山港镇中心小学", "primary", ""),
        ("平湖市独山港育才学校", "primary", "priv"),
        ("平湖市黄姑中学", "junior", ""),
        ("平湖市全塘中学", "junior", ""),
        ("平湖市独山港镇中心幼儿园", "kindergarten", ""),
        ("平湖市黄姑幼儿园", "kindergarten", ""),
        ("平湖市全塘幼儿园", "kindergarten", ""),
        ("平湖市白沙湾幼儿园", "kindergarten", ""),
        ("平湖市全塘新庙幼儿园", "kindergarten", ""),
        ("平湖市独山港海悦幼儿园", "kindergarten", "priv"),
    ],
}

# uses_transport not recorded yet (the vehicle_registration gap)
NOT_SURVEYED = (
    "平湖市当湖新城小学",
    "平湖市钟埭成人文化技术学校",
    "平湖市新埭旭日幼儿园",
    "平湖市林埭启智幼儿园",
)

STUDENTS = {
    "kindergarten": (110, 460),
    "primary": (380, 1900),
    "junior": (450, 1500),
    "senior": (1300, 2300),
    "nine_year": (700, 1500),
    "complete": (900, 1600),
    "vocational": (1500, 3100),
    "special": (70, 140),
    "other": (120, 420),
}

# common surnames of the Jiaxing area, the first ten twice as likely
SURNAMES = [
    *"沈陆张王徐朱陈金顾李",
    *"沈陆张王李徐朱陈顾钱金周吴杨戴姚孙胡蒋俞冯马褚倪潘施邹费莫钟郁许刘黄赵何高郑谢",
    *"范方曹盛屠宋汪",
]
GIVEN = str.split(
    "建国 伟 明 华 军 芳 丽 敏 静 勇 强 杰 峰 红 霞 燕 斌 雪芳 卫东 国平 海林 晓东 春燕 美华 "
    "志刚 建华 永明 伟林 月明 建平 秀英 玉芳 小平 文斌 红英 建明 国强 利民 卫星 海燕 丽萍 晓燕 "
    "伟忠 宏 健 磊 超 洁 婷 琴 英 芬 萍 荣 林 刚 平 新华 振华 金龙 雪明 根林 菊英 惠芳 剑 俊 "
    "雯 佳 颖 炜 浩 涛 军华 跃明 国良 梅芳 水林 坤元 志强 慧 亚萍 瑾 建林 永华 卫国 晓峰 "
    "海峰 琳 春华 雪英 金芳 德明 丽华 伟明 益民 新民 立新 红梅 文华 晓红 秋萍 国荣"
)

MOBILE_PREFIXES = (
    "130",
    "131",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "158",
    "159",
    "180",
    "186",
    "189",
)

# category -> [(description, severity weight hint)]
CAMPUS_HAZARDS = {
    "personnel": [
        "专职保安配备不足,上下学时段仅1人在岗",
        "门卫保安年龄偏大,未经岗前培训",
        "上下学时段校门口无教师和保安值守",
        "夜间值班人员脱岗,无值班记录",
        "保安人员未持证上岗",
    ],
    "physical": [
        "门卫室未配备钢叉、防暴盾牌等防卫器械",
        "围墙部分坍塌,存在缺口",
        "校门口未设置防冲撞隔离设施",
        "围墙高度不足,外侧堆放杂物可攀爬",
        "学生宿舍楼窗户防护栏损坏",
        "电动伸缩门损坏无法关闭",
        "后门门锁损坏,长期敞开",
    ],
    "technical": [
        "校门口视频监控损坏,未与派出所联网",
        "一键报警装置未与110联网",
        "监控录像保存时间不足30天",
        "周界报警系统故障未修复",
        "监控存在盲区,未覆盖围墙周界",
        "门卫室监控显示屏无法正常显示",
    ],
    "management": [
        "外来人员进出登记制度未落实",
        "安全工作台账不全,值班记录缺失",
        "安全应急预案未及时修订",
        "本学期未开展应急疏散演练",
        "学生接送交接登记记录缺失",
        "门卫对外来车辆未登记放行",
    ],
    "fire": [
        "灭火器过期未更换",
        "安全出口指示灯损坏",
        "疏散通道堆放杂物",
        "室内消火栓无水压",
        "厨房燃气管道老化,未安装燃气泄漏报警装置",
        "配电房电线私拉乱接",
    ],
    "traffic": [
        "校门口道路未设置减速带和警示标志",
        "上下学时段校门口车辆乱停乱放",
        "校门口缺少人行横道,学生横穿马路",
    ],
    "other": [
        "教学楼外墙瓷砖松动脱落",
        "食堂卫生许可证过期",
        "配电房未上锁",
        "体育器材锈蚀松动",
        "校内河塘无防护栏和警示标志",
    ],
}
SURROUNDING_HAZARDS = [
    ("other", "校门口200米内有无证流动摊点,售卖三无食品", "dept-cgzf"),
    ("other", "学校周边200米内有网吧违规接纳未成年人", "dept-culture"),
    ("traffic", "校门口有无证车辆非法营运接送学生", "jjdd"),
    ("other", "学校周边有游戏机房,学生放学后逗留", "dept-culture"),
    ("other", "校门口小卖部销售无证食品和仿真刀具玩具", "dept-aic"),
    ("other", "学校附近河道无防护栏,学生上下学途经", "dept-cgzf"),
    ("management", "学校周边出租房屋人员复杂,未纳入管理", "ps"),
    ("other", "校门口无证小餐饮摊点卫生条件差", "dept-health"),
]
# check item, category, description
VEHICLE_HAZARDS = [
    ("逃生锤", "physical", "车内未配备逃生锤"),
    ("灭火器", "fire", "车载灭火器过期"),
    ("安全带", "physical", "部分座位安全带损坏"),
    ("行驶记录仪", "technical", "未按规定安装行驶记录仪"),
    ("车门应急开关", "physical", "车门应急开关失灵"),
    ("随车照管人员", "personnel", "未配备随车照管人员"),
    ("核载人数", "traffic", "实载人数超过核定载客人数"),
    ("轮胎", "traffic", "轮胎磨损严重,花纹深度不足"),
]
SERIOUS = {
    "personnel": ["校园无专职保安,夜间无人值守", "保安人员长期空缺,由临时工兼任门卫"],
    "physical": ["围墙大面积坍塌,校园处于开放状态", "校园周界无围墙,仅以铁丝网隔离且多处破损"],
    "technical": ["校门口视频监控、一键报警装置均未安装", "全校监控系统瘫痪,报警装置无法使用"],
    "management": ["安全管理制度缺失,外来人员随意进出校园", "门卫形同虚设,放学时段校门长时间敞开"],
    "fire": ["学生宿舍消防疏散通道被封堵,安全出口上锁", "教学楼安全出口上锁,消防设施大面积失效"],
    "traffic": ["校门口紧邻主干道,无任何交通安全设施", "校门外道路无减速、警示设施,车速快"],
    "other": ["教学楼局部墙体开裂,存在坍塌危险", "校舍屋面严重渗漏,楼板钢筋外露"],
}
LEGAL_ACTIVITIES = [
    "法制教育讲座",
    "防拐骗、防侵害安全教育",
    "交通安全知识讲座",
    "参加学校安全工作例会",
    "检查指导学校安全防范工作",
    "禁毒知识宣传",
    "指导应急疏散演练",
    "预防未成年人违法犯罪讲座",
    "文明上网与网络安全教育",
    "家长学校法制讲座",
]
KG_ACTIVITIES = [
    "幼儿防拐骗情景演练",
    "教职工安全防范培训",
    "家长学校安全讲座",
    "检查指导幼儿园安全防范工作",
    "指导应急疏散演练",
]
EDU_TOPICS = {
    "students": [
        "防溺水安全教育",
        "交通安全教育",
        "消防安全知识及疏散演练",
        "防拐骗、防侵害教育",
        "法制教育专题讲座",
        "禁毒宣传教育",
        "文明上网教育",
        "防震减灾应急演练",
    ],
    "staff": [
        "教职工安全防范技能培训",
        "防暴器械使用培训",
        "消防器材使用培训",
        "突发事件应急处置培训",
    ],
    "parents": [
        "家长学校:接送学生安全须知",
        "家长学校:交通安全与乘车安全",
        "家长学校:防溺水安全",
        "家长会:校园安全工作通报",
    ],
}
TRAINING_TOPICS = [
    "校园保安员业务培训(法律法规、防暴器械使用)",
    "学校安保人员应急处置技能培训",
    "校园保安及门卫岗位技能培训",
    "学校安保人员消防技能培训",
]
MEETING_TOPICS = [
    "校园及周边治安形势分析",
    "护校安园专项行动推进会",
    "校园周边环境整治协调会",
    "学生接送车辆安全管理协调会",
    "校园安全保卫工作联席会议",
]
