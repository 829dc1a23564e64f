"""Stage 4, reports: the listings of a school's file (一校一档) other than its hazards and
obligations: the register entry (for people, and as plain data for JSON), its vehicles and
drivers, vehicle checks, inspections, legal visits, education sessions, trainings and cases,
each over the campaign up to D (`span`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from hxay.models import codes as c
from hxay.models import records as r
from hxay.models.ledger import Ledger
from hxay.models.text import Lang, Msg
from hxay.reports.document import Cell, Field, Listing
from hxay.rules.calendar import Period


def label(labels: Mapping[str, str], code: str, lang: Lang) -> str:
    """A code's Chinese label, or the code itself in English."""
    return labels.get(code, code) if lang == "zh" else code


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _unit(ledger: Ledger, unit: str | None) -> str:
    return ledger.name_of(unit) if unit else ""


def school_block(ledger: Ledger, s: r.School) -> dict[str, object]:
    """The register entry as JSON carries it: codes, ids and ISO dates."""
    lvp = s.legal_vice_principal
    return {
        "id": s.id,
        "name": s.name,
        "type": s.type,
        "station": s.station,
        "station_name": ledger.name_of(s.station),
        "address": s.address,
        "principal": s.principal,
        "phone": s.phone,
        "students": s.students,
        "boarding": s.boarding,
        "uses_transport": s.uses_transport,
        "legal_vice_principal": None
        if lvp is None
        else {"name": lvp.name, "title": lvp.title, "unit": lvp.unit, "phone": lvp.phone},
        "opened": _iso(s.opened),
        "closed": _iso(s.closed),
    }


def register_listing(ledger: Ledger, s: r.School, lang: Lang) -> Listing:
    """The register entry for people: one line per item (JSON carries `school_block`)."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    def yes_no(value: bool | None, unknown: str) -> str:
        return unknown if value is None else t("是", "yes") if value else t("否", "no")

    lvp = s.legal_vice_principal
    items: list[tuple[str, str | None]] = [
        (t("学校编号", "School id"), s.id),
        (t("学校名称", "Name"), s.name),
        (t("学校类型", "Type"), label(c.SCHOOL_TYPES, s.type, lang)),
        (
            t("辖区派出所", "Police station"),
            t(
                f"{ledger.name_of(s.station)}({s.station})",
                f"{ledger.name_of(s.station)} ({s.station})",
            ),
        ),
        (t("地址", "Address"), s.address),
        (t("校长", "Principal"), s.principal),
        (t("电话", "Phone"), s.phone),
        (t("学生数", "Students"), str(s.students) if s.students is not None else None),
        (t("寄宿制", "Boarding"), yes_no(s.boarding, "") or None),
        (
            t("是否有接送学生车辆", "Uses student transport"),
            yes_no(s.uses_transport, t("未登记", "not recorded")),
        ),
        (
            t("法制副校长", "Legal vice-principal"),
            "、".join(x for x in (f"{lvp.title} {lvp.name}", lvp.unit or "", lvp.phone or "") if x)
            if lvp is not None
            else t("未配备", "none"),
        ),
        (t("开办日期", "Opened"), _iso(s.opened)),
        (t("停办日期", "Closed"), _iso(s.closed)),
    ]
    fields = (
        Field("item", t("项目", "Item"), text=True),
        Field("value", t("内容", "Entry"), text=True),
    )
    return Listing("register", fields, tuple((k, v) for k, v in items if v))


def vehicles_of(ledger: Ledger, s: r.School, span: Period, as_of: dt.date) -> list[r.Vehicle]:
    """The school's vehicles registered by D and not retired before the campaign began."""
    return [
        v
        for v in ledger.related(r.Vehicle, "school", s.id)
        if (v.registered is None or v.registered <= as_of)
        and (v.retired is None or v.retired > span.start)
    ]


def _vehicle_state(ledger: Ledger, v: r.Vehicle, as_of: dt.date, lang: Lang) -> tuple[str, str]:
    """retired, suspended or in_service at D, and the words for it with the day it began."""
    if v.retired is not None and v.retired <= as_of:
        return "retired", Msg(f"已停用({v.retired})", f"retired ({v.retired})").render(lang)
    latest = [x for x in ledger.related(r.VehicleStatus, "vehicle", v.id) if x.date <= as_of]
    if latest and latest[-1].status == "suspended":
        day = latest[-1].date
        return "suspended", Msg(f"禁止接送(自{day})", f"suspended (since {day})").render(lang)
    return "in_service", Msg("在用", "in service").render(lang)


def vehicle_listings(
    ledger: Ledger,
    vehicles: list[r.Vehicle],
    span: Period,
    found: Mapping[str, list[str]],
    as_of: dt.date,
    lang: Lang,
) -> tuple[Listing, Listing, Listing]:
    """The vehicles with their documents' expiry, their drivers, and their checks in `span`."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    v_fields = (
        Field("vehicle", t("车辆编号", "Vehicle id"), key=True),
        Field("plate", t("号牌", "Plate"), short=True),
        Field("type", t("类型代码", "Type code"), key=True),
        Field("type_name", t("类型", "Type"), short=True, text=True),
        Field("seats", t("核载(人)", "Seats"), numeric=True),
        Field("owner", t("车主", "Owner")),
        Field("state", t("状态代码", "State code"), key=True),
        Field("state_text", t("状态", "State"), text=True),
        Field("inspection_valid_until", t("检验有效期至", "Inspection until"), short=True),
        Field("insurance_valid_until", t("保险有效期至", "Insurance until"), short=True),
        Field("permit_valid_until", t("校车标牌有效期至", "Permit until"), short=True),
    )
    v_rows: list[tuple[Cell, ...]] = []
    d_rows: list[tuple[Cell, ...]] = []
    c_rows: list[tuple[Cell, ...]] = []
    for v in vehicles:
        state, words = _vehicle_state(ledger, v, as_of, lang)
        v_rows.append(
            (
                v.id,
                v.plate,
                v.type,
                label(c.VEHICLE_TYPES, v.type, lang),
                v.seats,
                v.owner,
                state,
                words,
                _iso(v.inspection_valid_until),
                _iso(v.insurance_valid_until),
                _iso(v.permit_valid_until),
            )
        )
        for d in v.drivers:
            d_rows.append(
                (
                    v.id,
                    v.plate,
                    d.name,
                    d.license_class,
                    _iso(d.license_valid_until),
                    d.school_bus_permit,
                )
            )
        for x in ledger.related(r.VehicleCheck, "vehicle", v.id):
            if x.date in span:
                hazards = "、".join(found.get(x.where, []))
                c_rows.append(
                    (
                        x.id,
                        x.date.isoformat(),
                        v.id,
                        v.plate,
                        x.unit,
                        _unit(ledger, x.unit),
                        "、".join(x.drivers),
                        x.result,
                        label(c.CHECK_RESULTS, x.result, lang),
                        hazards or None,
                    )
                )
    d_fields = (
        Field("vehicle", t("车辆编号", "Vehicle id"), key=True),
        Field("plate", t("号牌", "Plate"), short=True),
        Field("driver", t("驾驶人", "Driver"), short=True),
        Field("license_class", t("准驾车型", "Licence class"), short=True),
        Field("license_valid_until", t("驾驶证有效期至", "Licence until"), short=True),
        Field("school_bus_permit", t("校车驾驶资格", "School-bus permit"), short=True),
    )
    c_fields = (
        Field("id", t("记录编号", "Record id"), key=True),
        Field("date", t("检查日期", "Date"), short=True),
        Field("vehicle", t("车辆编号", "Vehicle id"), key=True),
        Field("plate", t("号牌", "Plate"), short=True),
        Field("unit", t("检查单位编号", "Unit id"), key=True),
        Field("unit_name", t("检查单位", "Unit"), text=True),
        Field("drivers", t("被检查驾驶人", "Drivers checked")),
        Field("result", t("结果代码", "Result code"), key=True),
        Field("result_text", t("结果", "Result"), short=True, text=True),
        Field("hazards", t("发现隐患", "Hazards found")),
    )
    none = t("没有登记接送学生车辆。", "No vehicle is registered.")
    checks = t("专项行动期间没有车辆检查记录。", "No vehicle check during the campaign.")
    c_rows.sort(key=lambda row: (str(row[1]), str(row[3])))
    return (
        Listing("vehicles", v_fields, tuple(v_rows), empty=none),
        Listing("drivers", d_fields, tuple(d_rows)),
        Listing("vehicle_checks", c_fields, tuple(c_rows), empty=checks if vehicles else ""),
    )


def found_by(hazards: Iterable[r.Hazard], ledger: Ledger) -> dict[str, list[str]]:
    """The ids of the hazards each inspection or vehicle check found, by where the check is."""
    out: dict[str, list[str]] = {}
    for h in hazards:
        source = ledger.hazard_source(h)
        if source is not None:
            out.setdefault(source.where, []).append(h.id)
    return out


def inspections_listing(
    ledger: Ledger, s: r.School, span: Period, found: Mapping[str, list[str]], lang: Lang
) -> Listing:
    """Every inspection of the school in `span`, with the hazards each found."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("id", t("记录编号", "Record id"), key=True),
        Field("date", t("检查日期", "Date"), short=True),
        Field("unit", t("检查单位编号", "Unit id"), key=True),
        Field("unit_name", t("检查单位", "Unit"), text=True),
        Field("type", t("类型代码", "Type code"), key=True),
        Field("type_name", t("类型", "Type"), short=True, text=True),
        Field("inspectors", t("检查人员", "Inspectors")),
        Field("officers", t("出动警力(人次)", "Officers"), numeric=True),
        Field("hazards", t("发现隐患", "Hazards found")),
        Field("summary", t("检查情况", "Summary")),
    )
    rows: list[tuple[Cell, ...]] = [
        (
            x.id,
            x.date.isoformat(),
            x.unit,
            _unit(ledger, x.unit),
            x.type,
            label(c.INSPECTION_TYPES, x.type, lang),
            "、".join(x.inspectors),
            x.officers_deployed,
            "、".join(found.get(x.where, [])) or None,
            x.summary,
        )
        for x in ledger.related(r.Inspection, "school", s.id)
        if x.date in span
    ]
    return Listing(
        "inspections",
        fields,
        tuple(rows),
        empty=t("专项行动期间没有检查记录。", "No inspection during the campaign."),
    )


def visits_listing(ledger: Ledger, s: r.School, span: Period, lang: Lang) -> Listing:
    """Legal vice-principal visits in `span` (the person defaults to the school's own)."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("id", t("记录编号", "Record id"), key=True),
        Field("date", t("到校日期", "Date"), short=True),
        Field("person", t("到校人员", "Person")),
        Field("activity", t("工作内容", "Activity")),
        Field("participants", t("参加人数", "Participants"), numeric=True),
    )
    own = s.legal_vice_principal.name if s.legal_vice_principal else None
    rows: list[tuple[Cell, ...]] = [
        (x.id, x.date.isoformat(), x.person or own, x.activity, x.participants)
        for x in ledger.related(r.LegalVisit, "school", s.id)
        if x.date in span
    ]
    empty = t("专项行动期间法制副校长没有到校记录。", "No legal vice-principal visit.")
    return Listing("legal_visits", fields, tuple(rows), empty=empty)


def education_listing(ledger: Ledger, s: r.School, span: Period, lang: Lang) -> Listing:
    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("id", t("记录编号", "Record id"), key=True),
        Field("date", t("日期", "Date"), short=True),
        Field("audience", t("对象代码", "Audience code"), key=True),
        Field("audience_name", t("对象", "Audience"), short=True, text=True),
        Field("topic", t("主题", "Topic")),
        Field("participants", t("参加人数", "Participants"), numeric=True),
        Field("unit", t("组织单位编号", "Unit id"), key=True),
        Field("unit_name", t("组织单位", "Unit"), text=True),
    )
    rows: list[tuple[Cell, ...]] = [
        (
            x.id,
            x.date.isoformat(),
            x.audience,
            label(c.AUDIENCES, x.audience, lang),
            x.topic,
            x.participants,
            x.unit,
            _unit(ledger, x.unit),
        )
        for x in ledger.related(r.Education, "school", s.id)
        if x.date in span
    ]
    empty = t("专项行动期间没有安全教育记录。", "No safety education session.")
    return Listing("education", fields, tuple(rows), empty=empty)


def trainings_listing(ledger: Ledger, s: r.School, span: Period, lang: Lang) -> Listing:
    """Trainings in `span` that list the school."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("id", t("记录编号", "Record id"), key=True),
        Field("date", t("培训日期", "Date"), short=True),
        Field("unit", t("组织单位编号", "Unit id"), key=True),
        Field("unit_name", t("组织单位", "Unit"), text=True),
        Field("topic", t("主题", "Topic")),
        Field("trainees", t("培训人数", "Trainees"), numeric=True),
        Field("schools", t("参训学校(所)", "Schools trained"), numeric=True),
    )
    rows: list[tuple[Cell, ...]] = [
        (
            x.id,
            x.date.isoformat(),
            x.unit,
            _unit(ledger, x.unit),
            x.topic,
            x.trainees,
            len(x.schools),
        )
        for x in ledger.related(r.Training, "schools", s.id)
        if x.date in span
    ]
    empty = t("专项行动期间没有列有本校的安保培训。", "No training listed the school.")
    return Listing("trainings", fields, tuple(rows), empty=empty)


def cases_listing(ledger: Ledger, s: r.School, span: Period, as_of: dt.date, lang: Lang) -> Listing:
    """Cases about the school dated in `span`; `solved` as known at D."""

    def t(zh: str, en: str) -> str:
        return Msg(zh, en).render(lang)

    fields = (
        Field("id", t("记录编号", "Record id"), key=True),
        Field("date", t("发案日期", "Date"), short=True),
        Field("type", t("类型代码", "Type code"), key=True),
        Field("type_name", t("类型", "Type"), short=True, text=True),
        Field("description", t("简要案情", "Description")),
        Field("unit", t("办理单位编号", "Unit id"), key=True),
        Field("unit_name", t("办理单位", "Unit"), text=True),
        Field("solved", t("破获/化解", "Solved"), short=True),
        Field("persons_handled", t("抓获处理(人)", "Persons handled"), numeric=True),
    )
    rows: list[tuple[Cell, ...]] = [
        (
            x.id,
            x.date.isoformat(),
            x.type,
            label(c.CASE_TYPES, x.type, lang),
            x.description,
            x.unit,
            _unit(ledger, x.unit),
            _iso(x.solved if x.solved is not None and x.solved <= as_of else None),
            x.persons_handled,
        )
        for x in ledger.related(r.Case, "school", s.id)
        if x.date in span
    ]
    return Listing("cases", fields, tuple(rows), empty=t("没有涉校案件。", "No case."))
