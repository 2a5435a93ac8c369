"""Documents of the investigation: 立案 to 调查终结."""

from __future__ import annotations

from casecheck.samples.facts import CaseFacts
from casecheck.samples.textdoc import Marks, Para, Table, TextDoc, body, day, money, sign

VIOLATED = "《中华人民共和国食品安全法》第三十四条第（十）项"


def fine_clause(value: int) -> str:
    """The fine the penalty basis sets for goods of this value (食品安全法第一百二十四条第一款)."""
    if value >= 10_000:
        return "货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款"
    return "货值金额不足一万元的，并处五万元以上十万元以下罚款"


BASIS = "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项"


def case_name(f: CaseFacts) -> str:
    return f"{f.party.name}经营超过保质期的食品案"


def _party_rows(f: CaseFacts) -> list[list[str]]:
    p = f.party
    return [
        ["当事人", p.name],
        ["统一社会信用代码", p.credit_code],
        ["法定代表人", p.legal_rep],
        ["住所", p.address],
    ]


def _goods_phrase(f: CaseFacts) -> str:
    g = f.goods
    return f"{g.name}（规格：{g.spec}，生产日期：{day(g.produced)}，保质期至{day(g.expired)}）"


def filing(f: CaseFacts, marks: Marks) -> TextDoc:
    t, a, b = f.timeline, *f.investigators
    filed = day(t.filing)
    marks.mark("filing_after_evidence", "filing", quote=filed)
    summary = (
        f"{day(t.inspection)}，执法人员在日常监督检查中发现当事人经营场所货架上摆放有超过保质期的"
        f"{_goods_phrase(f)}，涉嫌违反{VIOLATED}的规定。"
    )
    rows = [
        ["案件名称", case_name(f)],
        ["案件来源", "日常监督检查发现"],
        ["适用程序", "普通程序"],
        *_party_rows(f),
        ["简要案情", summary],
        ["立案依据", "《市场监督管理行政处罚程序规定》第十九条；符合立案条件"],
        ["办案人员", f"{a.signed()}、{b.signed()}"],
        ["办案机构意见", f"建议立案调查。　{f.section_head}　{filed}"],
        ["负责人意见", f"同意立案，由{a.name}、{b.name}承办。　{f.deputy}　{filed}"],
        ["立案日期", filed],
    ]
    return TextDoc("filing", "立案审批表", "立案审批表", f.authority, [Table(rows)])


def inspection(f: CaseFacts, marks: Marks) -> TextDoc:
    t, g, p = f.timeline, f.goods, f.party
    a, b = f.investigators
    blocks = body(
        f"检查时间：{day(t.inspection)}9时30分至11时05分",
        f"检查地点：{p.address}（当事人经营场所）",
        f"被检查人：{p.name}",
        f"统一社会信用代码：{p.credit_code}",
        f"法定代表人（负责人）：{p.legal_rep}　在场人：{p.legal_rep}",
        f"检查人员：{a.signed()}、{b.signed()}　记录人：{b.name}",
        "告知事项：检查人员向被检查人出示了执法证件，表明了身份，告知了检查的依据和目的，"
        "并告知其有权申请执法人员回避、应当如实提供有关情况。被检查人表示看清了证件，不申请回避。",
        f"检查情况：当事人持有营业执照和食品经营许可证（许可证编号：{p.licence_no}），"
        f"现场正在营业。在食品销售区第三排货架上摆放有{_goods_phrase(f)}共{g.stock}{g.unit}，"
        f"标价每{g.unit}{g.price}元，均已超过标注的保质期，未作下架处理，处于待售状态。"
        "检查人员对现场和上述食品进行了拍照，照片共3张。",
        "经负责人批准，检查人员当场对上述食品予以先行登记保存，并送达了先行登记保存通知书。",
        "（以下空白）",
    )
    blocks += sign(
        f"被检查人签名：{p.legal_rep}　{day(t.inspection)}",
        f"检查人员签名：{a.name}　{b.name}　{day(t.inspection)}",
    )
    return TextDoc("inspection", "现场检查笔录", "现场检查笔录", f.authority, blocks)


def _goods_table(f: CaseFacts) -> Table:
    g = f.goods
    header = ["物品名称", "规格", "数量", "生产日期", "保质期至", "存放地点"]
    store = "本局罚没物品仓库"
    row = [g.name, g.spec, f"{g.stock}{g.unit}", day(g.produced), day(g.expired), store]
    return Table([header, row])


def preserve_approval(f: CaseFacts, marks: Marks) -> TextDoc:
    t, (a, b) = f.timeline, f.investigators
    g = f.goods
    rows = [
        ["案件名称", case_name(f)],
        *_party_rows(f),
        ["拟保存物品", f"{g.name}（{g.spec}）{g.stock}{g.unit}"],
        [
            "理由及依据",
            "上述食品是证明违法事实的主要证据，可能灭失或者以后难以取得；"
            "依据《中华人民共和国行政处罚法》第五十六条，申请先行登记保存。",
        ],
        ["办案人员", f"{a.name}、{b.name}　{day(t.inspection)}"],
        ["负责人意见", f"同意先行登记保存。　{f.deputy}　{day(t.inspection)}"],
    ]
    return TextDoc(
        "preserve_approval", "先行登记保存审批表", "先行登记保存审批表", f.authority, [Table(rows)]
    )


def preserve_notice(f: CaseFacts, marks: Marks) -> TextDoc:
    t, p = f.timeline, f.party
    blocks: list[Para | Table] = [Para(f.number("先保", t.inspection), "center")]
    blocks += body(
        f"{p.name}：",
        "你单位经营的下列物品涉嫌违法，且可能灭失或者以后难以取得。经本局负责人批准，"
        "依据《中华人民共和国行政处罚法》第五十六条的规定，决定予以先行登记保存。"
        "保存期间，你单位不得使用、销售、转移、损毁或者隐匿。本局将在七个工作日内作出处理决定。",
    )
    blocks.append(_goods_table(f))
    a, b = f.investigators
    blocks += body(f"执法人员：{a.signed()}、{b.signed()}")
    blocks += sign(f"{f.authority}（印章）", day(t.inspection))
    blocks += body(f"当事人签收：{p.legal_rep}　{day(t.inspection)}")
    return TextDoc(
        "preserve_notice", "先行登记保存通知书", "先行登记保存通知书", f.authority, blocks
    )


def seizure(f: CaseFacts, marks: Marks) -> TextDoc:
    """A 查封扣押决定书 for the goods in stock, seeded only with `seizure_overdue`: nothing
    in the file extends it, and the decision comes more than thirty days later."""
    t, p, g = f.timeline, f.party, f.goods
    marks.mark("seizure_overdue", "seizure", quote=day(t.inspection))
    blocks: list[Para | Table] = [Para(f.number("扣押", t.inspection), "center")]
    blocks += body(
        f"{p.name}：",
        f"你单位经营的{g.name}涉嫌违反{VIOLATED}的规定。依据《中华人民共和国食品安全法》第一百一十条"
        f"第（四）项和《中华人民共和国行政强制法》第二十二条的规定，本局决定对你单位库存的{g.name}"
        f"{g.stock}{g.unit}予以扣押，扣押期限为三十日。扣押期间，你单位不得使用、销售、转移或者损毁。",
        "你单位如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。",
    )
    blocks += sign(f"{f.authority}（印章）", day(t.inspection))
    blocks += body(f"当事人签收：{p.legal_rep}　{day(t.inspection)}")
    return TextDoc("seizure", "查封扣押决定书", "扣押决定书", f.authority, blocks)


def inquiry(f: CaseFacts, marks: Marks) -> TextDoc:
    t, g, p = f.timeline, f.goods, f.party
    a, b = f.investigators
    if f.has("one_officer_only"):
        officers_line = f"询问人：{a.signed()}；记录人：{a.name}"
        intro = f"我是{f.authority}的执法人员{a.name}，这是我的执法证件（出示证件），请你过目。"
        marks.mark("one_officer_only", "inquiry", quote=officers_line)
    else:
        officers_line = f"询问人：{a.signed()}、{b.signed()}；记录人：{b.name}"
        intro = (
            f"我们是{f.authority}的执法人员{a.name}、{b.name}，这是我们的执法证件（出示证件），"
            "请你过目。"
        )
    blocks = body(
        f"询问时间：{day(t.inquiry)}14时10分至15时20分",
        f"询问地点：{f.authority}第二询问室",
        officers_line,
        f"被询问人：{p.legal_rep}　性别：{p.rep_gender}　身份证号码：{p.rep_id_number}",
        f"工作单位及职务：{p.name}法定代表人",
        f"问：{intro}现依法就你单位涉嫌经营超过保质期食品一事向你调查了解情况。"
        "你应当如实回答，不得作虚假陈述。如果你认为执法人员与本案有直接利害关系或者其他关系、"
        "可能影响公正执法，你有权申请回避。你是否申请回避？",
        "答：证件我看清楚了。我不申请回避。",
        "问：请介绍一下你单位的基本情况。",
        f"答：我单位是{p.name}，我是法定代表人，主要销售预包装食品和日用品，"
        "营业执照和食品经营许可证都在有效期内。",
        f"问：{day(t.inspection)}检查时在你店货架上发现的{g.name}是从哪里进的货？",
        f"答：是{day(g.purchased)}从{g.supplier}进的，共{g.total}{g.unit}，"
        f"进价每{g.unit}{g.purchase_price}元，有对方开的销售单，单号{g.invoice_no}。",
        "第1页　共2页　被询问人签名：" + p.legal_rep,
        "问：这批货卖了多少？售价多少？",
        f"答：按每{g.unit}{g.price}元卖，过了保质期以后又卖出去{g.sold}{g.unit}，"
        f"收入{g.income}元，剩下的{g.stock}{g.unit}就是你们检查时看到的。",
        "问：你是否知道这批食品已经超过保质期？",
        "答：店里没有按时检查临期商品，过期以后没有及时下架，是我们管理上的疏忽。",
        "问：你还有什么补充？",
        "答：没有了。我们已经组织员工全面检查了货架，以后一定改正。",
        "被询问人核对意见：以上笔录我已看过，与我说的一致。",
        "第2页　共2页　被询问人签名：" + p.legal_rep + f"　{day(t.inquiry)}",
    )
    alone = f.has("one_officer_only")
    signers = a.name if alone else f"{a.name}　{b.name}"
    blocks += sign(f"询问人签名：{signers}", f"记录人签名：{a.name if alone else b.name}")
    return TextDoc("inquiry", "询问笔录", "询问笔录", f.authority, blocks)


def evidence_list(f: CaseFacts, marks: Marks) -> TextDoc:
    t, (a, _) = f.timeline, f.investigators
    header = ["序号", "证据名称", "来源", "收集日期", "证明事项"]
    rows = [
        ["1", "营业执照复印件", "当事人提供", day(t.inquiry), "当事人主体资格"],
        ["2", "食品经营许可证复印件", "当事人提供", day(t.inquiry), "当事人经营资质"],
        ["3", "现场检查笔录", "执法人员制作", day(t.inspection), "超过保质期食品在售的事实"],
        ["4", "现场照片3张", f"执法人员{a.name}拍摄", day(t.inspection), "现场陈列及标签情况"],
        ["5", "询问笔录", "执法人员制作", day(t.inquiry), "进货、销售数量及违法所得"],
        ["6", "进货销售单", "当事人提供", day(t.inquiry), "进货来源、数量、价格"],
        ["7", "先行登记保存通知书及物品清单", "执法人员制作", day(t.inspection), "涉案食品数量"],
    ]
    return TextDoc("evidence_list", "证据清单", "证据清单", "", [Table([header, *rows])])


def evidence_materials(f: CaseFacts, marks: Marks) -> TextDoc:
    t, g, p = f.timeline, f.goods, f.party
    a = f.investigators[0]
    blocks = body(
        "一、营业执照（复印件）",
        f"名称：{p.name}；统一社会信用代码：{p.credit_code}；类型：有限责任公司（自然人投资或控股）；"
        f"法定代表人：{p.legal_rep}；住所：{p.address}；经营范围：食品销售，日用百货销售。",
        f"此复印件与原件核对一致。　{p.legal_rep}（当事人签名）　{day(t.inquiry)}",
        "二、食品经营许可证（复印件）",
        f"经营者名称：{p.name}；许可证编号：{p.licence_no}；经营项目：预包装食品销售。",
        f"此复印件与原件核对一致。　{p.legal_rep}（当事人签名）　{day(t.inquiry)}",
        "三、进货销售单",
        f"供货单位：{g.supplier}；单号：{g.invoice_no}；日期：{day(g.purchased)}；"
        f"品名：{g.name}；规格：{g.spec}；数量：{g.total}{g.unit}；单价：{g.purchase_price}元；"
        f"金额：{g.total * g.purchase_price}元。",
        f"此复印件与原件核对一致。　{p.legal_rep}（当事人签名）　{day(t.inquiry)}",
        "四、现场照片",
    )
    photos = (
        ("照片1：当事人经营场所门头", "10时02分"),
        ("照片2：食品销售区第三排货架陈列的涉案食品", "10时12分"),
        (f"照片3：涉案食品标签，标注保质期至{day(g.expired)}", "10时16分"),
    )
    for n, (caption, clock) in enumerate(photos):
        particulars = (
            f"拍摄时间：{day(t.inspection)}{clock}　拍摄地点：{p.address}　拍摄人：{a.name}"
        )
        if n == 1:
            marks.mark("photo_without_particulars", "evidence_materials", removed=particulars)
            if f.has("photo_without_particulars"):
                blocks += body(f"【照片】{caption}")
                continue
        blocks += body(f"【照片】{caption}", particulars)
    return TextDoc("evidence_materials", "证据材料", "证据材料", "", blocks, fmt="pdf")


def preserve_decision(f: CaseFacts, marks: Marks) -> TextDoc:
    t, g, p = f.timeline, f.goods, f.party
    blocks: list[Para | Table] = [Para(f.number("先处", t.preserve_decision), "center")]
    blocks += body(
        f"{p.name}：",
        f"本局于{day(t.inspection)}以《先行登记保存通知书》（{f.number('先保', t.inspection)}）"
        f"对你单位的{g.name}{g.stock}{g.unit}予以先行登记保存。经核实，上述食品已超过保质期，"
        "依法应当予以没收。现作出如下处理决定：",
        "上述物品在本案作出处理决定前继续由本局保管，待处罚决定作出后依法处理。",
    )
    blocks += sign(f"{f.authority}（印章）", day(t.preserve_decision))
    return TextDoc(
        "preserve_decision", "先行登记保存处理决定书", "先行登记保存处理决定书", f.authority, blocks
    )


def service_receipt(f: CaseFacts, key: str, served: str, number: str, served_on: str) -> TextDoc:
    """A 送达回证 for one served document, signed for on `served_on` (a date text)."""
    p, (a, b) = f.party, f.investigators
    rows = [
        ["送达文书名称及文号", f"《{served}》（{number}）"],
        ["受送达人", p.name],
        ["送达地点", p.address],
        ["送达方式", "直接送达"],
        ["受送达人签名或盖章", f"{p.legal_rep}（{p.name}）"],
        ["签收日期", served_on],
        ["送达人", f"{a.name}、{b.name}"],
        ["备注", "/"],
    ]
    return TextDoc(key, "送达回证", "送达回证", f.authority, [Table(rows)], label=served)


def report(f: CaseFacts, marks: Marks) -> TextDoc:
    t, g, p = f.timeline, f.goods, f.party
    a, b = f.investigators
    name = p.name
    if f.has("inconsistent_party_name"):
        name = p.name_variant
        marks.mark("inconsistent_party_name", "report", quote=name)
    blocks = body(
        f"案件名称：{name}经营超过保质期的食品案",
        f"当事人：{name}；统一社会信用代码：{p.credit_code}；法定代表人：{p.legal_rep}；"
        f"住所：{p.address}。",
        f"案件来源及调查经过：{day(t.inspection)}，执法人员在日常监督检查中发现当事人涉嫌经营超过"
        f"保质期的食品，当场对涉案食品实施先行登记保存，并于{day(t.filing)}经批准立案。"
        f"{day(t.inquiry)}，执法人员对当事人法定代表人进行了询问，调取了营业执照、"
        f"进货销售单等证据。{day(t.preserve_decision)}，本局对先行登记保存的物品作出处理决定。",
        f"违法事实：当事人自{day(g.purchased)}起从{g.supplier}购进{_goods_phrase(f)}"
        f"{g.total}{g.unit}，以每{g.unit}{g.price}元的价格对外销售。该食品超过保质期后，"
        f"当事人未及时下架，又售出{g.sold}{g.unit}，检查时尚有{g.stock}{g.unit}在售。"
        f"涉案食品货值金额为{money(g.value)}，违法所得为{money(g.income)}。",
        "证据：营业执照及食品经营许可证复印件、现场检查笔录、现场照片、询问笔录、进货销售单、"
        "先行登记保存通知书及物品清单。",
        f"定性及依据：当事人的行为违反了{VIOLATED}的规定，依据{BASIS}的规定，"
        f"应当没收违法所得和违法经营的食品，{fine_clause(g.value)}。",
        "裁量：当事人系初次被查处，到案后如实陈述并配合调查，发现问题后即行整改，"
        "建议在法定幅度内从轻处罚。",
        f"处理意见：建议没收超过保质期的{g.name}{g.stock}{g.unit}，没收违法所得{money(g.income)}，"
        f"并处罚款{money(f.fine_notified)}。"
        + ("拟罚款数额达到听证标准，应告知当事人听证权利。" if g.value >= 10_000 else ""),
    )
    blocks += sign(f"办案人员：{a.name}　{b.name}", day(t.report))
    return TextDoc("report", "调查终结报告", "调查终结报告", f.authority, blocks)
