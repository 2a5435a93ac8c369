"""Chinese display names for the engine's vocabularies, shared by the CLI, reports and the app."""

from __future__ import annotations

from casecheck.model import Citation, Finding, Score

SEVERITY_LABELS: dict[str, str] = {"veto": "否决", "major": "重大", "minor": "一般", "hint": "提示"}

ELEMENT_LABELS: dict[str, str] = {
    "doc_number": "文号",
    "authority": "执法机关",
    "party_name": "当事人",
    "party_credit_code": "统一社会信用代码",
    "party_id_number": "身份证号码",
    "legal_representative": "法定代表人",
    "party_address": "地址",
    "case_cause": "案由",
    "violation_date": "违法行为日期",
    "filing_date": "立案日期",
    "inspection_date": "检查日期",
    "notice_date": "告知日期",
    "hearing_date": "听证日期",
    "decision_date": "决定日期",
    "service_date": "送达日期",
    "payment_date": "缴款日期",
    "fine_amount": "罚款金额",
    "confiscation_amount": "没收金额",
    "penalty_type": "处罚种类",
    "officer": "执法人员",
    "evidence_item": "证据",
    "remedy_reconsideration": "行政复议告知",
    "remedy_litigation": "行政诉讼告知",
}

# The defect classes of DESIGN.md (casecheck.model.DEFECT_CLASSES), as a trainer names them.
DEFECT_CLASS_LABELS: dict[str, str] = {
    "input.unreadable": "文件无法读取",
    "document.missing": "缺少文书",
    "evidence.missing": "缺少证据",
    "evidence.defective": "证据瑕疵",
    "officers.insufficient": "执法人员不足",
    "notice.missing_content": "告知内容不全",
    "notice.waiting_period": "告知后等待期不足",
    "hearing.not_notified": "未告知听证权利",
    "hearing.deadline": "听证期限错误",
    "hearing.procedure": "听证程序不当",
    "legal_review.missing": "缺少法制审核",
    "discussion.missing": "缺少集体讨论",
    "citation.unknown_law": "引用的法律不存在",
    "citation.nonexistent_article": "引用的条文不存在",
    "citation.outdated": "引用已失效或旧版条文",
    "citation.role_mismatch": "条款用途不当",
    "penalty.out_of_range": "处罚超出法定幅度",
    "penalty.type_not_allowed": "处罚种类不当",
    "penalty.heavier_than_notified": "处罚重于告知",
    "remedy.incorrect": "救济途径告知错误",
    "decision.missing_element": "决定书缺少要素",
    "decision.no_seal": "决定书未盖章",
    "deadline.overdue": "超过法定期限",
    "deadline.limitation": "超过追责时效",
    "procedure.order": "程序顺序颠倒",
    "service.defective": "送达不规范",
    "consistency.mismatch": "文书之间不一致",
    "identifier.invalid": "证件号码无效",
    "discretion.unexplained": "裁量理由未说明",
    "format.nonstandard": "文书格式不规范",
}

# Parameters of checklists/params, as a reviewer reads them.
PARAM_LABELS: dict[str, str] = {
    "decision_days_after_filing": "立案后作出决定的期限（日）",
    "hearing_fine_threshold_individual": "听证“较大数额”罚款标准（个人，元）",
    "hearing_fine_threshold_organisation": "听证“较大数额”罚款标准（单位，元）",
    "hearing_notice_working_days": "听证通知提前的工作日数",
    "hearing_request_working_days": "听证申请期限（工作日）",
    "late_payment_daily_rate": "逾期缴纳每日加处罚款比例",
    "limitation_years": "追责时效（年）",
    "litigation_months": "行政诉讼起诉期限（月）",
    "on_the_spot_collection_limit": "当场收缴罚款限额（元）",
    "payment_days": "缴纳罚款期限（日）",
    "seizure_days": "查封、扣押期限（日）",
    "clue_check_working_days": "发现线索后决定是否立案的期限（工作日）",
    "av_record_hearing": "听证须全程音像记录",
    "av_record_onsite_inspection": "现场检查须音像记录",
    "av_record_seizure": "查封扣押须全程音像记录",
    "education_after_no_penalty": "不予处罚须对当事人进行教育",
    "major_decision_fine_threshold_individual": "重大执法决定罚款标准（个人，元）",
    "major_decision_fine_threshold_organisation": "重大执法决定罚款标准（单位，元）",
    "publication_working_days": "行政处罚决定公示期限（工作日）",
    "reconsideration_choice_abolished": "复议与诉讼可选择的规定已废止",
    "reconsideration_days": "行政复议申请期限（日）",
    "reconsideration_first_for_on_the_spot": "当场处罚须先申请复议",
    "registration_preservation_working_days": "先行登记保存处理期限（工作日）",
    "service_working_days": "决定书送达期限（工作日）",
    "specific_act_wording_outdated": "“具体行政行为”表述已过时",
    "statement_working_days": "陈述申辩期限（工作日）",
    "summary_fine_limit_individual": "简易程序罚款上限（个人，元）",
    "summary_fine_limit_organisation": "简易程序罚款上限（单位，元）",
}

# Values a check reports with its hit (the message placeholders), as facts a reviewer reads.
FACT_LABELS: dict[str, str] = {
    "found": "文书中写的",
    "expected": "应为",
    "missing": "缺少",
    "reason": "理由",
    "problem": "问题",
    "amount": "金额",
    "name": "名称",
    "citation": "引用的条款",
    "served": "送达日期",
    "ranges": "法定幅度",
    "limit": "限额",
    "decided": "决定日期",
    "count": "数量",
    "years": "年限",
    "violation": "违法行为日期",
    "version": "适用的法律版本",
    "successor": "现行法律",
    "proposed": "告知的拟处罚",
    "paid": "缴款日期",
    "low": "下限",
    "high": "上限",
    "inquiry": "询问日期",
    "hearing": "听证日期",
    "gap": "间隔",
    "filing": "立案日期",
    "decision": "决定",
    "days": "天数",
    "date": "日期",
    "body": "复议机关或法院",
    "base": "计算基数",
    "approved": "批准日期",
    "allowed": "允许的处罚种类",
}

CITATION_ROLE_LABELS: dict[str, str] = {
    "violated": "违法条款",
    "penalty_basis": "处罚依据",
    "procedure": "程序依据",
    "other": "其他",
}

CITATION_STATUS_LABELS: dict[str, str] = {
    "valid": "有效",
    "unknown_law": "未知法律",
    "no_such_article": "条文不存在",
    "not_in_force": "未生效或已失效",
    "outdated_numbering": "旧条文序号",
    "unchecked": "未核验",
}

TEXT_SOURCE_LABELS: dict[str, str] = {
    "text": "文字",
    "ocr": "OCR",
    "mixed": "部分扫描",
    "none": "扫描件",
}


def describe_normalized(kind: str, normalized: object) -> str:
    """A short human rendering of an element's normalised value."""
    if isinstance(normalized, dict):
        if kind == "officer":
            name = normalized.get("name", "")
            cert = normalized.get("cert_no")
            return f"{name}（证号 {cert}）" if cert else str(name)
        return "，".join(f"{v}" for v in normalized.values() if v not in (None, ""))
    if isinstance(normalized, float) and kind.endswith("_amount"):
        return f"{normalized:,.2f} 元"
    return str(normalized)


EVENT_LABELS: dict[str, str] = {
    "violation": "违法行为",
    "filing": "立案",
    "inspection": "检查/调查",
    "notice": "告知",
    "hearing": "听证",
    "decision": "作出决定",
    "service": "送达",
    "payment": "缴款",
}


def event_label(event: str, doc_type: str = "") -> str:
    """A step of the timeline as reports and the app name it; a decision by its document
    (行政处罚决定, 查封扣押决定 …), since a file holds more than one kind of decision."""
    if event == "decision" and doc_type.endswith("决定书"):
        return doc_type.removesuffix("书")
    return EVENT_LABELS.get(event, event)


def score_text(score: Score, standard_title: str = "") -> str:
    """The result in one line: score and grade, the vetoes, or why there is no grade.
    `standard_title` names the standard for readers (else its short name is shown)."""
    name = standard_title or score.standard
    standard = f"（评查标准：{name}）" if name else ""
    if score.score is None:
        return f"无法评分：{score.reason or '未评分'}{standard}"
    line = f"评查得分：{score.score:g} / {score.total:g}，等次：{score.grade or '—'}"
    if score.vetoed:
        line += f"；一票否决：{'、'.join(score.veto_findings)}"
    if score.reason:
        line += f"；{score.reason}"
    return line + standard


def place_text(document: str | None, page: int | None, paths: dict[str, str]) -> str:
    """Where something is, for a reader: the document's name and page (not repeated when the
    name already gives it, as a one-page part of a multi-document file does)."""
    if document is None:
        return "整个案卷"
    name = paths.get(document, document)
    return name + (f" 第{page}页" if page and not name.endswith(f"（第{page}页）") else "")


def places_text(finding: Finding, paths: dict[str, str]) -> str:
    """Every place one finding shows: `a.docx；b.docx 第2页` (the whole case if none)."""
    if not finding.locations:
        return place_text(finding.document, finding.page, paths)
    return "；".join(
        dict.fromkeys(place_text(loc.document, loc.page, paths) for loc in finding.locations)
    )


def basis_text(finding: Finding) -> str:
    """The facts a finding rests on, each with its source: `听证申请期限（工作日）：5（…）`."""
    return "；".join(
        f"{fact.name}：{fact.value}" + (f"（{fact.source}）" if fact.source else "")
        for fact in finding.basis
    )


def provision(
    law: str, article: int | None = None, paragraph: int | None = None, item: int | None = None
) -> str:
    """A provision as every report, message and table writes it: `《法》第N条第N款第N项`
    (Arabic numbers; the parts not given are left out)."""
    parts = [f"《{law}》"]
    for number, unit in ((article, "条"), (paragraph, "款"), (item, "项")):
        if number:
            parts.append(f"第{number}{unit}")
    return "".join(parts)


def provision_text(citation: Citation) -> str:
    """A cited provision as `《法》第N条第N款第N项`."""
    return provision(citation.law, citation.article, citation.paragraph, citation.item)


def law_date_line(current_to: str, notes: list[str] | tuple[str, ...] = ()) -> str:
    """「法律数据截至 2026-12-03」 and the report's notes on it, for report headers."""
    line = f"法律数据截至 {current_to}" if current_to else "法律数据日期未知（旧版本报告）"
    return "；".join([line, *notes])
