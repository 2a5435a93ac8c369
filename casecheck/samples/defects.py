"""The catalogue of defects the generator can seed, one small record each."""

from __future__ import annotations

from dataclasses import dataclass

from casecheck.model import DEFECT_CLASSES


@dataclass(frozen=True)
class Defect:
    """A seedable defect: its class, the document (generator key) it touches, what it does."""

    id: str
    defect_class: str
    document: str
    doc_type: str
    description: str
    conflicts: tuple[str, ...] = ()
    absent: bool = False  # the defect removes the document itself
    added: bool = False  # the defect adds the document: a step the clean case does not take
    fix: str = ""  # for an added document, what the correct one also says


# Defects that need the hearing documents, which a case without a hearing does not have.
_NO_HEARING = ("short_hearing_notice", "host_is_investigator", "missing_document")

DEFECTS: dict[str, Defect] = {
    d.id: d
    for d in (
        Defect(
            "missing_document",
            "legal_review.missing",
            "legal_review",
            "法制审核意见书",
            "案件经过听证，卷内却没有法制审核意见书",
            # Without a hearing the review is not required (第五十八条第一款第二项).
            ("missing_hearing_notice", "decision_before_waiting_period"),
            absent=True,
        ),
        Defect(
            "missing_hearing_notice",
            "hearing.not_notified",
            "notice",
            "行政处罚告知书",
            "拟罚款达到听证标准，告知书未告知听证权利，卷内也没有听证文书",
            (*_NO_HEARING, "old_hearing_period", "listed_minor_penalised"),
        ),
        Defect(
            "short_hearing_notice",
            "hearing.deadline",
            "hearing_notice",
            "听证通知书",
            "听证通知书送达之日距举行听证不足七个工作日",
            ("missing_hearing_notice", "decision_before_waiting_period"),
        ),
        Defect(
            "old_hearing_period",
            "hearing.deadline",
            "notice",
            "行政处罚告知书",
            "告知书沿用旧法，写明听证申请期限为“三日内”",
            ("missing_hearing_notice",),
        ),
        Defect(
            "old_article_numbering",
            "citation.outdated",
            "notice",
            "行政处罚告知书",
            "2021年7月15日以后的告知书仍引用旧条序“行政处罚法第三十一条、第三十二条”",
        ),
        Defect(
            "fine_over_range",
            "penalty.out_of_range",
            "decision",
            "行政处罚决定书",
            "罚款超过货值金额二十倍的法定上限",
            ("listed_minor_penalised",),
        ),
        Defect(
            "wrong_remedy_period",
            "remedy.incorrect",
            "decision",
            "行政处罚决定书",
            "决定书告知的行政诉讼期限为“三个月”（应为六个月）",
        ),
        Defect(
            "inconsistent_party_name",
            "consistency.mismatch",
            "report",
            "调查终结报告",
            "调查终结报告中的当事人名称与其他文书不一致（错一字）",
        ),
        Defect(
            "one_officer_only",
            "officers.insufficient",
            "inquiry",
            "询问笔录",
            "询问笔录只有一名执法人员询问并记录",
        ),
        Defect(
            "decision_before_waiting_period",
            "notice.waiting_period",
            "decision",
            "行政处罚决定书",
            "告知书送达后未满五个工作日、当事人未明确放弃权利即作出处罚决定",
            _NO_HEARING,
        ),
        Defect(
            "late_service",
            "deadline.overdue",
            "service_decision",
            "送达回证",
            "处罚决定书在作出后超过七个工作日才送达",
        ),
        Defect(
            "decision_overdue",
            "deadline.overdue",
            "decision",
            "行政处罚决定书",
            "自立案至作出处罚决定超过九十日，且无延期审批",
        ),
        Defect(
            "photo_without_particulars",
            "evidence.defective",
            "evidence_materials",
            "证据材料",
            "现场照片未注明拍摄时间、拍摄地点和拍摄人",
        ),
        Defect(
            "seizure_overdue",
            "deadline.overdue",
            "seizure",
            "查封扣押决定书",
            "扣押涉案食品超过三十日才作出处理决定，卷内没有延长扣押的批准",
            added=True,
            fix="经本局负责人批准，扣押期限延长三十日，已书面告知当事人。",
        ),
        Defect(
            "no_seal",
            "decision.no_seal",
            "decision",
            "行政处罚决定书",
            "决定书落款处没有加盖决定机关印章",
        ),
        Defect(
            "invalid_credit_code",
            "identifier.invalid",
            "decision",
            "行政处罚决定书",
            "当事人统一社会信用代码校验码错误",
        ),
        Defect(
            "penalty_heavier_than_notified",
            "penalty.heavier_than_notified",
            "decision",
            "行政处罚决定书",
            "决定的罚款数额高于告知书中拟作出的罚款数额",
            # A notice that proposes no fine cannot be exceeded.
            ("notice_missing_penalty",),
        ),
        Defect(
            "host_is_investigator",
            "hearing.procedure",
            "hearing_notice",
            "听证通知书",
            "由本案调查人员担任听证主持人",
            ("missing_hearing_notice", "decision_before_waiting_period"),
        ),
        Defect(
            "notice_missing_penalty",
            "notice.missing_content",
            "notice",
            "行政处罚告知书",
            "告知书只写事实、理由和依据，未写明拟作出的行政处罚内容",
            ("penalty_heavier_than_notified",),
        ),
        Defect(
            # 责令改正 is not a penalty type (行政处罚法第九条、第二十八条); listing it among the
            # penalties misstates the penalty types, so it is classed with penalty types.
            "order_as_penalty",
            "penalty.type_not_allowed",
            "decision",
            "行政处罚决定书",
            "决定书把“责令改正”列为行政处罚种类",
        ),
        Defect(
            # 行政处罚法第三十三条 and the 市场监管轻微行政违法行为不予处罚清单（一）: a few
            # units of expired food, corrected at once and harmless, penalised without a word on
            # the list.
            "listed_minor_penalised",
            "discretion.unexplained",
            "decision",
            "行政处罚决定书",
            "初次违法、情节轻微、及时改正且未造成危害后果，属于不予处罚清单所列情形，仍予处罚且未说明理由",
            # the fine of goods under 一万元 is 五万元 at most 十万元: outside hearing scope, and
            # no longer a multiple of the goods value
            ("fine_over_range", "missing_hearing_notice"),
        ),
        Defect(
            "filing_after_evidence",
            "procedure.order",
            "filing",
            "立案审批表",
            "立案日期晚于询问调查取证日期（先取证后立案）",
        ),
    )
}

assert all(d.defect_class in DEFECT_CLASSES for d in DEFECTS.values())


def check_combination(ids: list[str] | tuple[str, ...]) -> list[str]:
    """The defect ids, validated: known, no duplicates, no two that conflict. Raises ValueError
    with a Chinese message."""
    unknown = [i for i in ids if i not in DEFECTS]
    if unknown:
        raise ValueError(f"未知的缺陷编号：{'、'.join(unknown)}（用 --list 查看可用编号）")
    if len(set(ids)) != len(ids):
        raise ValueError("缺陷编号重复")
    for i in ids:
        clash = [c for c in DEFECTS[i].conflicts if c in ids]
        if clash:
            raise ValueError(f"缺陷 {i} 与 {'、'.join(clash)} 不能同时设置")
    return list(ids)
