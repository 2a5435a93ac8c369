"""The 告知 and hearing documents."""

from __future__ import annotations

from casecheck.samples.docs_investigation import BASIS, VIOLATED, case_name
from casecheck.samples.facts import CaseFacts
from casecheck.samples.textdoc import Marks, Para, Table, TextDoc, body, day, money, sign

LAW = "《中华人民共和国行政处罚法》"
HEARING_PLACE = "三楼听证室"
PROPOSAL = "本局拟对你单位作出如下行政处罚"


def penalty_items(f: CaseFacts, fine: int) -> list[str]:
    g = f.goods
    return [
        f"没收超过保质期的{g.name}{g.stock}{g.unit}",
        f"没收违法所得{money(g.income)}",
        f"罚款{money(fine)}",
    ]


def notice_number(f: CaseFacts) -> str:
    return f.number("罚告", f.timeline.notice)


def hearing_notice_number(f: CaseFacts) -> str:
    assert f.timeline.hearing_notice is not None
    return f.number("听通", f.timeline.hearing_notice)


def facts_paragraph(f: CaseFacts) -> str:
    g = f.goods
    return (
        f"{day(f.timeline.inspection)}，本局执法人员在日常监督检查中发现，你单位在经营场所销售的"
        f"{g.name}（规格：{g.spec}，保质期至{day(g.expired)}）已超过保质期。经查，你单位于"
        f"{day(g.purchased)}从{g.supplier}购进该食品{g.total}{g.unit}，以每{g.unit}{g.price}元"
        f"的价格销售，超过保质期后仍售出{g.sold}{g.unit}，检查时尚有{g.stock}{g.unit}在售。"
        f"涉案食品货值金额为{money(g.value)}，违法所得为{money(g.income)}。"
    )


def notice(f: CaseFacts, marks: Marks) -> TextDoc:
    t = f.timeline
    blocks: list[Para | Table] = [Para(notice_number(f), "center")]
    blocks += body(
        f"{f.party.name}：",
        facts_paragraph(f),
        "以上事实有现场检查笔录、现场照片、询问笔录、进货销售单、营业执照复印件等证据证实。",
    )
    reason = f"你单位的上述行为违反了{VIOLATED}的规定。依据{BASIS}的规定，"
    if f.has("notice_missing_penalty"):
        vague = "本局拟依法对你单位给予行政处罚。"
        marks.mark("notice_missing_penalty", "notice", quote=vague, removed=PROPOSAL)
        blocks += body(reason + vague)
    else:
        items = penalty_items(f, f.fine_notified)
        blocks += body(reason + PROPOSAL + "：")
        ends = ["；"] * (len(items) - 1) + ["。"]
        blocks += body(
            *(f"{n}. {item}{end}" for n, (item, end) in enumerate(zip(items, ends, strict=True), 1))
        )
    statement_articles = f"{LAW}第四十四条、第四十五条"
    if f.has("old_article_numbering"):
        statement_articles = f"{LAW}第三十一条、第三十二条"
        marks.mark("old_article_numbering", "notice", quote=statement_articles)
    blocks += body(f"根据{statement_articles}的规定，你单位享有陈述、申辩的权利。")
    period = "自收到本告知书之日起五个工作日内"
    if f.has("old_hearing_period"):
        period = "自收到本告知书之日起三日内"
        marks.mark("old_hearing_period", "notice", quote=period)
    if f.has("missing_hearing_notice"):
        rights = f"你单位如需陈述、申辩，应当{period}向本局提出"
        marks.mark("missing_hearing_notice", "notice", quote=rights, removed="要求举行听证")
    else:
        blocks += body(f"根据{LAW}第六十三条、第六十四条的规定，你单位有权要求举行听证。")
        rights = f"你单位如需陈述、申辩或者要求举行听证，应当{period}向本局提出"
    blocks += body(rights + "；逾期未提出的，视为放弃上述权利。")
    a, b = f.investigators
    blocks += body(f"联系人：{a.name}、{b.name}　联系地址：{f.authority}{f.section}")
    blocks += sign(f"{f.authority}（印章）", day(t.notice))
    return TextDoc("notice", "行政处罚告知书", "行政处罚告知书", f.authority, blocks)


def hearing_request(f: CaseFacts, marks: Marks) -> TextDoc:
    t, p = f.timeline, f.party
    assert t.hearing_request is not None
    blocks = body(
        f"申请人：{p.name}",
        f"统一社会信用代码：{p.credit_code}",
        f"住所：{p.address}",
        f"法定代表人：{p.legal_rep}",
        f"{f.authority}：",
        f"本单位于{day(t.notice_served)}收到贵局《行政处罚告知书》（{notice_number(f)}），"
        f"对拟作出的罚款数额有不同意见，依据{LAW}第六十四条的规定，申请举行听证。",
        "理由：本单位系初次违法，发现问题后已对全部货架进行清查整改，违法所得金额较小，"
        "请求从轻处罚。",
    )
    blocks += sign(
        f"申请人：{p.name}（盖章）", f"法定代表人：{p.legal_rep}", day(t.hearing_request)
    )
    return TextDoc("hearing_request", "听证申请书", "听证申请书", "", blocks, fmt="pdf")


def hearing_notice(f: CaseFacts, marks: Marks) -> TextDoc:
    t = f.timeline
    assert t.hearing is not None and t.hearing_notice is not None and t.hearing_request
    when = f"听证时间：{day(t.hearing)}上午9时30分"
    marks.mark("short_hearing_notice", "hearing_notice", quote=when)
    host = f"主持人：{f.host.name}"
    marks.mark("host_is_investigator", "hearing_notice", quote=host)
    blocks: list[Para | Table] = [Para(hearing_notice_number(f), "center")]
    blocks += body(
        f"{f.party.name}：",
        f"你单位于{day(t.hearing_request)}提出的听证申请收悉。本局决定就{case_name(f)}"
        "公开举行听证，现将有关事项通知如下：",
        when,
        f"听证地点：{f.authority}{HEARING_PLACE}",
        f"{host}　听证员：{f.hearing_member.name}　记录员：{f.clerk.name}",
        "你单位认为主持人、听证员或者记录员与本案有直接利害关系的，有权申请回避。你单位可以亲自参加"
        "听证，也可以委托一至二人代理；委托代理人参加的，应当在听证前提交授权委托书。无正当理由拒不"
        "出席听证或者未经许可中途退出听证的，视为放弃听证权利。",
        "请携带营业执照复印件、法定代表人身份证明及有关证据材料按时参加。",
    )
    blocks += sign(f"{f.authority}（印章）", day(t.hearing_notice))
    return TextDoc("hearing_notice", "听证通知书", "听证通知书", f.authority, blocks)


def hearing_record(f: CaseFacts, marks: Marks) -> TextDoc:
    t, p = f.timeline, f.party
    assert t.hearing is not None
    a, b = f.investigators
    items = "，".join(penalty_items(f, f.fine_notified))
    blocks = body(
        f"案由：{case_name(f)}",
        f"听证时间：{day(t.hearing)}9时30分至11时00分",
        f"听证地点：{f.authority}{HEARING_PLACE}　听证方式：公开",
        f"主持人：{f.host.name}　听证员：{f.hearing_member.name}　记录员：{f.clerk.name}",
        f"案件调查人员：{a.signed()}、{b.signed()}",
        f"当事人：{p.name}",
        f"法定代表人：{p.legal_rep}（到场）",
        "主持人：宣布听证纪律，核对到场人员身份，告知当事人享有申请回避、陈述、申辩、质证和最后"
        "陈述的权利。当事人是否申请回避？",
        "当事人：不申请回避。",
        f"调查人员{a.name}：陈述当事人经营超过保质期食品的违法事实，出示现场检查笔录、现场照片、"
        f"询问笔录、进货销售单等证据，提出处罚建议：{items}。",
        "当事人：对违法事实和证据没有异议。本单位系初次违法，发现问题后已立即整改，请求从轻处罚。",
        f"调查人员{b.name}：当事人初次违法、积极整改的情节，已在处罚建议中予以考虑。",
        "主持人：请当事人作最后陈述。",
        "当事人：希望从轻处理，今后一定加强临期食品管理。",
        "主持人：听证结束。笔录交当事人核对。",
        "当事人核对意见：以上笔录已核对，记录无误。",
    )
    blocks += sign(
        f"当事人签名：{p.legal_rep}　{day(t.hearing)}",
        f"主持人：{f.host.name}　听证员：{f.hearing_member.name}　记录员：{f.clerk.name}",
    )
    return TextDoc("hearing_record", "听证笔录", "听证笔录", f.authority, blocks)


def hearing_report(f: CaseFacts, marks: Marks) -> TextDoc:
    t = f.timeline
    assert t.hearing is not None and t.hearing_report is not None
    items = "，".join(penalty_items(f, f.fine_notified))
    blocks = body(
        f"案件名称：{case_name(f)}",
        f"听证时间及地点：{day(t.hearing)}，{f.authority}{HEARING_PLACE}",
        f"主持人：{f.host.name}　听证员：{f.hearing_member.name}　记录员：{f.clerk.name}",
        "听证基本情况：当事人法定代表人到场参加听证，对违法事实和证据无异议，提出其系初次违法、"
        "已积极整改，请求从轻处罚。",
        f"主持人意见：案件事实清楚，证据确凿，程序合法。当事人所提情节已在拟处罚中予以考虑，"
        f"建议维持拟处罚意见：{items}。",
    )
    blocks += sign(f"主持人：{f.host.name}", day(t.hearing_report))
    return TextDoc("hearing_report", "听证报告", "听证报告", f.authority, blocks)
