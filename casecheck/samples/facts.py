"""The facts of one fictional case, drawn from a seed: parties, officers, goods, amounts, dates.

Everything here is invented. The case: a company sells food past its shelf life, a breach of
食品安全法第三十四条第（十）项, punished under 第一百二十四条第一款第（五）项 — with goods worth
一万元以上 the fine is 货值金额十倍以上二十倍以下, so the fine (≥ 10万元 for an organisation)
falls in the hearing scope of the 市场监管 hearing rules.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, replace

from casecheck.samples.identifiers import corrupt_credit_code, make_credit_code, make_id_number
from casecheck.workdays import add_working_days, is_workday

CITIES = (("岚川市", "3507"), ("澄渊市", "3609"), ("栖梧市", "4413"))
DISTRICTS = ("青禾区", "望澜区", "松陌区", "晴岸区", "枫桥区")
BRANDS = {"禾丰": "和丰", "鲜裕": "先裕", "佳禾": "嘉禾", "惠万家": "慧万家", "百鲜汇": "佰鲜汇"}
SHOP_KINDS = ("超市", "商贸", "食品")
ROADS = ("锦绣路", "长乐街", "滨河大道", "新华路", "文昌路")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武"  # noqa: E501
GIVEN = "子涵浩然晨曦思远雨桐志强建华丽娟海峰婷婷俊杰文博欣怡明轩佳琪国栋秀英宏伟玉兰振宇晓东春燕立新德明"  # noqa: E501
# name, specification, unit, selling price (yuan), shelf life (days): short enough that every
# date of the case, production included, falls in 2025–2026
GOODS = (
    ("澜悦牌即食燕窝", "70克×6瓶/盒", "盒", 368, 180),
    ("禾苑牌每日坚果礼盒", "750克/盒", "盒", 188, 180),
    ("月华牌流心奶黄月饼礼盒", "480克/盒", "盒", 298, 60),
    ("海韵牌即食海参礼盒", "500克/盒", "盒", 598, 150),
    ("牧语牌常温纯牛奶", "250毫升×24盒/箱", "箱", 96, 180),
)
SUPPLIERS = ("润通食品贸易有限公司", "恒昌商贸有限公司", "优品供应链管理有限公司")
FIRST_DAY, LAST_DAY = dt.date(2025, 9, 1), dt.date(2026, 5, 15)  # inspection dates
# Each series of document numbers runs on its own; offsets from the case number keep them apart.
NUMBER_OFFSETS = {"扣押": -7, "先保": -6, "先处": -5, "罚告": -3, "听通": -2, "罚": 0}
# 货值金额不足一万元: the fine is 五万元以上十万元以下 (食品安全法第一百二十四条第一款), the lowest
SMALL_VALUE_FINE = 50_000


@dataclass(frozen=True)
class Officer:
    name: str
    cert_no: str

    def signed(self) -> str:
        return f"{self.name}（执法证号：{self.cert_no}）"


@dataclass(frozen=True)
class Party:
    name: str
    credit_code: str
    legal_rep: str
    rep_male: bool
    rep_id_number: str
    address: str
    licence_no: str
    name_variant: str  # the same name misspelt by one character

    @property
    def rep_gender(self) -> str:
        return "男" if self.rep_male else "女"


@dataclass(frozen=True)
class Goods:
    name: str
    spec: str
    unit: str
    price: int
    total: int
    sold: int
    produced: dt.date
    expired: dt.date
    supplier: str
    purchased: dt.date
    purchase_price: int
    invoice_no: str

    @property
    def stock(self) -> int:
        return self.total - self.sold

    @property
    def value(self) -> int:
        """货值金额: everything the party dealt in, sold or on the shelf, at its selling price."""
        return self.total * self.price

    @property
    def income(self) -> int:
        """违法所得: what the sold units brought in."""
        return self.sold * self.price


@dataclass(frozen=True)
class Timeline:
    inspection: dt.date
    filing: dt.date
    inquiry: dt.date
    preserve_decision: dt.date
    report: dt.date
    notice: dt.date
    notice_served: dt.date
    hearing_request: dt.date | None
    hearing_notice: dt.date | None
    hearing: dt.date | None
    hearing_report: dt.date | None
    legal_review: dt.date
    discussion: dt.date
    decision: dt.date
    decision_served: dt.date
    payment: dt.date
    closing: dt.date


@dataclass(frozen=True)
class CaseFacts:
    seed: int
    defects: frozenset[str]
    city: str
    district: str
    authority: str
    doc_prefix: str  # 文号 prefix, e.g. 岚青市监
    government: str
    court: str
    section: str
    party: Party
    goods: Goods
    investigators: tuple[Officer, Officer]
    host: Officer
    hearing_member: Officer
    clerk: Officer
    reviewer: str
    reviewer_qualification: str
    section_head: str
    deputy: str
    director: str
    fine_notified: int
    fine: int
    case_no: int
    timeline: Timeline

    @property
    def hearing_held(self) -> bool:
        return self.timeline.hearing is not None

    def has(self, defect: str) -> bool:
        return defect in self.defects

    def number(self, kind: str, day: dt.date) -> str:
        """A document number such as 岚青市监罚〔2025〕37号."""
        return f"{self.doc_prefix}{kind}〔{day.year}〕{self.case_no + NUMBER_OFFSETS[kind]}号"


def _names(rng: random.Random, count: int) -> list[str]:
    """Distinct three-character names (so that no name is a prefix of another)."""
    names: list[str] = []
    while len(names) < count:
        given = rng.randrange(0, len(GIVEN), 2)
        name = rng.choice(SURNAMES) + GIVEN[given : given + 2]
        if name not in names:
            names.append(name)
    return names


def _random_workday(rng: random.Random) -> dt.date:
    day = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def _timeline(rng: random.Random, defects: frozenset[str]) -> Timeline:
    inspection = _random_workday(rng)
    preserve_days, payment_days = rng.randint(4, 6), rng.randint(3, 9)
    gap = rng.randint(12, 18)  # working days of investigation after the inspection
    overdue = "decision_overdue" in defects
    while True:
        plan = _plan(inspection, gap, preserve_days, payment_days, defects)
        days = (plan.decision - plan.filing).days
        if overdue and days < 100:
            gap += 2
        elif not overdue and days > 80:
            gap -= 2
        else:
            return plan


def _plan(
    inspection: dt.date,
    gap: int,
    preserve_days: int,
    payment_days: int,
    defects: frozenset[str],
) -> Timeline:
    """Dates of every step; working-day periods by 行政处罚法第八十五条."""
    filing = add_working_days(inspection, 3) if "filing_after_evidence" in defects else inspection
    inquiry = add_working_days(inspection, 2)
    preserve_decision = add_working_days(
        inspection, preserve_days
    )  # 第五十六条: within 7 working days
    report = add_working_days(inspection, gap)
    notice = add_working_days(report, 2)
    served = add_working_days(notice, 1)
    request = hearing_notice = hearing = hearing_report = None
    if not defects & {"missing_hearing_notice", "decision_before_waiting_period"}:
        request = add_working_days(served, 2)  # 第六十四条: within 5 working days of the notice
        hearing_notice = add_working_days(request, 2)
        # 第六十四条: the party is told seven working days before the hearing
        hearing = add_working_days(hearing_notice, 4 if "short_hearing_notice" in defects else 9)
        hearing_report = add_working_days(hearing, 1)
        review_from = hearing_report
    elif "decision_before_waiting_period" in defects:
        review_from = served
    else:
        review_from = add_working_days(served, 5)  # the 5-working-day statement period runs out
    legal_review = add_working_days(review_from, 1)
    discussion = add_working_days(legal_review, 1)
    decision = add_working_days(discussion, 1)
    # 第六十一条: served within 7 working days
    decision_served = add_working_days(decision, 10 if "late_service" in defects else 2)
    payment = decision_served + dt.timedelta(days=payment_days)  # 第六十七条: within 15 days
    while not is_workday(payment):  # paid at a bank counter, on a working day
        payment -= dt.timedelta(days=1)
    return Timeline(
        inspection=inspection,
        filing=filing,
        inquiry=inquiry,
        preserve_decision=preserve_decision,
        report=report,
        notice=notice,
        notice_served=served,
        hearing_request=request,
        hearing_notice=hearing_notice,
        hearing=hearing,
        hearing_report=hearing_report,
        legal_review=legal_review,
        discussion=discussion,
        decision=decision,
        decision_served=decision_served,
        payment=payment,
        closing=add_working_days(payment, 3),
    )


def make_facts(seed: int, defects: frozenset[str]) -> CaseFacts:
    """The case for `seed`; defects change only what they name, so a seed's clean case and its
    defective variants share names, amounts and (where untouched) dates."""
    rng = random.Random(seed)
    city, city_code = rng.choice(CITIES)
    district = rng.choice(DISTRICTS)
    region = f"{city_code}{rng.randint(2, 9):02d}"
    brand = rng.choice(sorted(BRANDS))
    kind = rng.choice(SHOP_KINDS)
    (rep, inv_a, inv_b, host, member, clerk, reviewer, head, deputy, director) = _names(rng, 10)

    def officer(name: str) -> Officer:
        return Officer(name, f"{region[:4]}{rng.randint(1000000, 9999999)}")

    officers = [officer(n) for n in (inv_a, inv_b, host, member, clerk)]
    rep_male = rng.random() < 0.5
    birth = dt.date(rng.randint(1968, 1992), rng.randint(1, 12), rng.randint(1, 28))
    party = Party(
        name=f"{city}{brand}{kind}有限公司",
        credit_code=make_credit_code(rng, region),
        legal_rep=rep,
        rep_male=rep_male,
        rep_id_number=make_id_number(rng, region, birth, rep_male),
        address=f"{city}{district}{rng.choice(ROADS)}{rng.randint(8, 288)}号{rng.randint(1, 3)}层",
        licence_no=f"JY1{region}{rng.randint(1000000, 9999999)}",
        name_variant=f"{city}{BRANDS[brand]}{kind}有限公司",
    )
    timeline = _timeline(rng, defects)
    name, spec, unit, price, shelf_days = rng.choice(GOODS)
    total = math.ceil(rng.randint(10200, 14800) / price)
    expired = timeline.inspection - dt.timedelta(days=rng.randint(8, 40))
    produced = expired - dt.timedelta(days=shelf_days)
    purchased = produced + dt.timedelta(days=rng.randint(10, shelf_days // 3))
    goods = Goods(
        name=name,
        spec=spec,
        unit=unit,
        price=price,
        total=total,
        sold=rng.randint(3, 9),
        produced=produced,
        expired=expired,
        supplier=city + rng.choice(SUPPLIERS),
        purchased=purchased,
        purchase_price=round(price * 0.72),
        invoice_no=f"XS{purchased:%Y%m%d}{rng.randint(100, 999)}",
    )
    if "listed_minor_penalised" in defects:
        # three units of the cheapest goods, one sold: within the 500 元 of the 轻微不罚 list
        cheapest = min(GOODS, key=lambda g: g[3])
        goods = replace(
            goods,
            name=cheapest[0],
            spec=cheapest[1],
            unit=cheapest[2],
            price=cheapest[3],
            total=3,
            sold=1,
            purchase_price=round(cheapest[3] * 0.72),
        )
    multiple = rng.choice((11, 12))
    fine = round(goods.value * multiple, -3) if goods.value >= 10_000 else SMALL_VALUE_FINE
    if "fine_over_range" in defects:
        fine = math.ceil(goods.value * 21 / 1000) * 1000
    case_no = rng.randint(12, 160)
    qualification = f"A{rng.randint(2019, 2024)}{region}{rng.randint(100000, 999999)}"
    if "invalid_credit_code" in defects:
        party = replace(party, credit_code=corrupt_credit_code(party.credit_code, rng))
    investigators = (officers[0], officers[1])
    return CaseFacts(
        seed=seed,
        defects=defects,
        city=city,
        district=district,
        authority=f"{city}{district}市场监督管理局",
        doc_prefix=f"{city[0]}{district[0]}市监",
        government=f"{city}{district}人民政府",
        court=f"{city}{district}人民法院",
        section="食品安全监督管理科",
        party=party,
        goods=goods,
        investigators=investigators,
        host=officers[0] if "host_is_investigator" in defects else officers[2],
        hearing_member=officers[3],
        clerk=officers[4],
        reviewer=reviewer,
        reviewer_qualification=qualification,
        section_head=head,
        deputy=deputy,
        director=director,
        fine_notified=fine,
        fine=fine + 20000 if "penalty_heavier_than_notified" in defects else fine,
        case_no=case_no,
        timeline=timeline,
    )
