"""Review, decision, service, payment and closing documents."""

from __future__ import annotations

from casecheck.samples.docs_hearing import LAW, notice_number, penalty_items
from casecheck.samples.docs_investigation import BASIS, VIOLATED, case_name
from casecheck.samples.facts import CaseFacts
from casecheck.samples.textdoc import Marks, Para, Table, TextDoc, body, day, money, sign

NUMERALS = "一二三四五六七八九"


def decision_number(f: CaseFacts) -> str:
    return f.number("罚", f.timeline.decision)


def _penalty_summary(f: CaseFacts) -> str:
    return "；".join(penalty_items(f, f.fine))


def _procedure_sentence(f: CaseFacts) -> str:
    t = f.timeline
    told = (
        f"本局于{day(t.notice)}作出《行政处罚告知书》（{notice_number(f)}），并于"
        f"{day(t.notice_served)}送达当事人，告知其拟作出的行政处罚内容及事实、理由、依据，"
    )
    if f.has("missing_hearing_notice"):
        return told + "以及依法享有的陈述、申辩权利。当事人在规定期限内未提出陈述、申辩意见。"
    told += "以及依法享有的陈述、申辩和要求听证的权利。"
    if not f.hearing_held:
        return told + "当事人未提出陈述、申辩意见，也未要求举行听证。"
    assert t.hearing_request is not None and t.hearing is not None
    return told + (
        f"当事人于{day(t.hearing_request)}提出听证申请，本局于{day(t.hearing)}依法举行了听证。"
        "听证中，当事人对违法事实和证据无异议，提出其系初次违法、已积极整改，请求从轻处罚。"
        "经复核，当事人所提情节已在裁量中予以考虑。"
    )


def legal_review(f: CaseFacts, marks: Marks) -> TextDoc:
    t = f.timeline
    procedure = (
        "已告知陈述、申辩和听证权利，并依当事人申请举行了听证"
        if f.hearing_held
        else "已告知陈述、申辩权利，当事人未提出意见"
    )
    blocks = body(
        f"案件名称：{case_name(f)}",
        f"送审机构：{f.section}　承办人：{f.investigators[0].name}、{f.investigators[1].name}",
        "审核内容：执法主体与执法人员资格、违法事实与证据、法律适用、程序、裁量、文书制作。",
        "审核意见：一、本局对辖区内食品经营活动依法负有监督管理职责，办案人员均持有有效执法证件；"
        f"二、违法事实清楚，证据确实充分；三、定性准确，违反{VIOLATED}，适用{BASIS}正确；"
        f"四、程序合法，{procedure}；五、拟处罚款{money(f.fine)}，裁量适当。"
        "同意承办机构的处理意见。",
    )
    blocks += sign(
        f"审核人：{f.reviewer}（法律职业资格证书编号：{f.reviewer_qualification}）",
        day(t.legal_review),
    )
    return TextDoc("legal_review", "法制审核意见书", "法制审核意见书", f.authority, blocks)


def discussion(f: CaseFacts, marks: Marks) -> TextDoc:
    t = f.timeline
    a, b = f.investigators
    present = [f.director, f.deputy, f.section_head, f.reviewer]
    hearing = "听证情况及" if f.hearing_held else ""
    blocks = body(
        f"时间：{day(t.discussion)}15时00分至16时10分",
        f"地点：{f.authority}第一会议室",
        f"主持人：{f.director}（局长）",
        f"出席人员：{'、'.join(present)}",
        f"列席人员：{a.name}、{b.name}（案件承办人）　记录人：{f.clerk.name}",
        f"讨论案件：{case_name(f)}",
        f"讨论内容：承办人汇报案件事实、证据、{hearing}处罚建议；法制审核人员汇报审核意见。"
        "与会人员认为，当事人经营超过保质期的食品，危害公众饮食安全，事实清楚，证据确凿。",
        f"讨论结论：一致同意对当事人作出如下行政处罚：{_penalty_summary(f)}。",
        f"出席人员签名：{'　'.join(present)}",
    )
    return TextDoc("discussion", "集体讨论记录", "集体讨论记录", f.authority, blocks)


def decision_approval(f: CaseFacts, marks: Marks) -> TextDoc:
    t, p = f.timeline, f.party
    a, b = f.investigators
    rows = [
        ["案件名称", case_name(f)],
        ["当事人", p.name],
        ["统一社会信用代码", p.credit_code],
        ["违法事实", f"经营超过保质期的{f.goods.name}，货值金额{money(f.goods.value)}"],
        ["处罚依据", f"违反{VIOLATED}；依据{BASIS}"],
        ["拟处罚决定", _penalty_summary(f)],
        ["承办人意见", f"建议按上述意见作出处罚决定。　{a.name}　{b.name}　{day(t.discussion)}"],
        ["法制审核意见", f"同意。　{f.reviewer}　{day(t.legal_review)}"],
        ["负责人意见", f"经集体讨论，同意。　{f.director}　{day(t.discussion)}"],
    ]
    return TextDoc(
        "decision_approval", "行政处罚决定审批表", "行政处罚决定审批表", f.authority, [Table(rows)]
    )


def decision(f: CaseFacts, marks: Marks) -> TextDoc:
    t, g, p = f.timeline, f.goods, f.party
    code = f"统一社会信用代码：{p.credit_code}"
    marks.mark("invalid_credit_code", "decision", quote=code)
    statutory_fine = (
        "依法应当并处货值金额十倍以上二十倍以下罚款"
        if g.value >= 10_000
        else "不足一万元，依法应当并处五万元以上十万元以下罚款"
    )
    held = f"本局认为，当事人经营超过保质期的食品的行为，违反了{VIOLATED}的规定。"
    if f.has("listed_minor_penalised"):
        held = (
            "本局认为，当事人系初次违法，违法情节轻微，发现后已将涉案食品全部下架、及时改正，"
            f"未造成危害后果，但其经营超过保质期的食品的行为，违反了{VIOLATED}的规定。"
        )
        marks.mark("listed_minor_penalised", "decision", quote=held)
    blocks: list[Para | Table] = [Para(decision_number(f), "center")]
    blocks += body(
        f"当事人：{p.name}",
        code,
        f"法定代表人：{p.legal_rep}",
        f"住所：{p.address}",
        f"{day(t.inspection)}，本局执法人员在日常监督检查中发现当事人涉嫌经营超过保质期的食品，"
        f"经本局负责人批准，于{day(t.filing)}立案调查。",
        f"经查，当事人于{day(g.purchased)}从{g.supplier}购进{g.name}（规格：{g.spec}，"
        f"保质期至{day(g.expired)}）{g.total}{g.unit}，以每{g.unit}{g.price}元的价格销售。"
        f"该食品超过保质期后，当事人未及时下架，又售出{g.sold}{g.unit}，检查时尚有{g.stock}{g.unit}"
        f"在售。涉案食品货值金额为{money(g.value)}，违法所得为{money(g.income)}。",
        "上述事实，主要有以下证据证明：",
        "1. 营业执照复印件、食品经营许可证复印件，证明当事人的主体资格；",
        "2. 现场检查笔录及现场照片，证明超过保质期的食品在售的事实；",
        "3. 询问笔录，证明进货、销售数量及违法所得；",
        "4. 进货销售单，证明涉案食品的来源、数量和价格；",
        "5. 先行登记保存通知书及物品清单，证明涉案食品的库存数量。",
        held,
        _procedure_sentence(f),
        f"当事人违法经营的食品货值金额为{money(g.value)}，{statutory_fine}。"
        f"鉴于当事人系初次被查处，能够如实陈述、配合调查并及时整改，依据《{f.city}市场监督管理"
        "行政处罚裁量权适用规则》，本局决定在法定幅度内从轻处罚。",
        f"依据{BASIS}的规定，本局决定对当事人作出如下行政处罚：",
    )
    items = penalty_items(f, f.fine)
    fine_text = items[-1]
    marks.mark("fine_over_range", "decision", quote=fine_text)
    marks.mark("penalty_heavier_than_notified", "decision", quote=fine_text)
    order = "责令当事人立即改正上述违法行为"
    if f.has("order_as_penalty"):
        items.insert(0, order)
    lines = [f"{NUMERALS[n]}、{item}；" for n, item in enumerate(items)]
    lines[-1] = lines[-1][:-1] + "。"
    if f.has("order_as_penalty"):
        marks.mark("order_as_penalty", "decision", quote=lines[0])
    blocks += body(*lines)
    if not f.has("order_as_penalty"):
        blocks += body(f"同时，依据{LAW}第二十八条第一款的规定，{order}。")
    litigation = "六个月" if not f.has("wrong_remedy_period") else "三个月"
    remedy = f"自收到本决定书之日起{litigation}内直接向{f.court}提起行政诉讼"
    marks.mark("wrong_remedy_period", "decision", quote=remedy)
    blocks += body(
        f"当事人应当自收到本决定书之日起十五日内，将罚没款缴至{f.city}农村商业银行{f.district}支行"
        "（财政非税收入汇缴账户），或者通过电子支付系统缴纳。到期不缴纳罚款的，本局将依据"
        f"{LAW}第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款，"
        "加处罚款的数额不超出罚款的数额。",
        f"当事人如不服本行政处罚决定，可以自收到本决定书之日起六十日内向{f.government}申请行政复议，"
        f"也可以{remedy}。申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。",
    )
    seal = "（印章）"
    if f.has("no_seal"):
        seal = ""
        marks.mark("no_seal", "decision", removed="（印章）")
    dated = day(t.decision)
    marks.mark("decision_overdue", "decision", quote=dated)
    marks.mark("decision_before_waiting_period", "decision", quote=dated)
    blocks += sign(f.authority + seal, dated)
    return TextDoc("decision", "行政处罚决定书", "行政处罚决定书", f.authority, blocks)


def payment(f: CaseFacts, marks: Marks) -> TextDoc:
    t, g = f.timeline, f.goods
    blocks = body(
        "（非税收入一般缴款书）",
        f"票据号码：No.{t.payment:%Y%m%d}{f.case_no:04d}",
        f"缴款人：{f.party.name}",
        f"执收单位：{f.authority}",
        f"处罚决定书文号：{decision_number(f)}",
        f"项目：罚款　金额：{f.fine}元",
        f"项目：没收违法所得　金额：{g.income}元",
        f"合计：{money(f.fine + g.income)}",
        "缴款方式：银行转账",
        f"收款银行：{f.city}农村商业银行{f.district}支行",
        f"缴款日期：{day(t.payment)}",
        "（收款银行业务专用章）",
    )
    return TextDoc("payment", "罚没款缴纳凭证", "罚没款缴纳凭证", "", blocks, fmt="pdf")


def closing(f: CaseFacts, marks: Marks) -> TextDoc:
    t, g, p = f.timeline, f.goods, f.party
    a, b = f.investigators
    rows = [
        ["案件名称", case_name(f)],
        ["当事人", p.name],
        ["处罚决定书文号", decision_number(f)],
        ["处罚决定", _penalty_summary(f)],
        [
            "执行情况",
            f"当事人已于{day(t.payment)}缴清罚没款共计{money(f.fine + g.income)}；"
            f"没收的{g.name}{g.stock}{g.unit}已按规定监督销毁。",
        ],
        ["承办人意见", f"处罚决定已执行完毕，申请结案。　{a.name}　{b.name}　{day(t.closing)}"],
        ["负责人意见", f"同意结案。　{f.deputy}　{day(t.closing)}"],
    ]
    return TextDoc("closing", "结案审批表", "结案审批表", f.authority, [Table(rows)])
