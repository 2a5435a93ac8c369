"""Chinese display names for the engine's vocabularies, shared by the CLI, reports and the app."""

from __future__ import annotations

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
