"""Default capabilities of each role for part 2 of the team (DESIGN §4, §7):
appraisals, recruitment and staff cases. Merged into
TeamsConfig.role_permissions (what a new or flushed database gets) and
granted by this app's migration (what an existing one gets). Reading is
`view_*` and `view_all_team_records` of part 1; these are the writes and
the capabilities of their own."""

from __future__ import annotations

PART2_GRANTS: dict[str, list[str]] = {
    "Admin": ["*", "calibrate_appraisal", "view_all_staffactioncase"],
    "Director": [
        "add_appraisalscheme",
        "change_appraisalscheme",
        "add_appraisalcycle",
        "change_appraisalcycle",
        "calibrate_appraisal",
        "add_positionrequest",
        "change_positionrequest",
        "add_candidate",
        "change_candidate",
        "change_application",
        "add_interview",
        "add_staffactioncase",
        "change_staffactioncase",
    ],
    "General manager": ["view_all_staffactioncase"],
    "HR": [
        "view_all_staffactioncase",
        "add_candidate",
        "change_candidate",
        "change_application",
        "add_interview",
    ],
    "Project manager": [
        "add_positionrequest",
        "change_positionrequest",
        "add_candidate",
        "change_application",
        "add_interview",
        "add_staffactioncase",
        "change_staffactioncase",
    ],
    "Member": ["add_interview"],
}


def merged(*tables: dict[str, list[str]]) -> dict[str, list[str]]:
    """One role → codenames table from several."""
    out: dict[str, list[str]] = {}
    for table in tables:
        for role, codenames in table.items():
            out.setdefault(role, []).extend(codenames)
    return out


# Technical reviews, plans, standards and purchase plans (issue 23, the
# director's own records): engineers propose reviews and write standards,
# managers plan, directors decide, publish and buy.
ENGINEERING_GRANTS: dict[str, list[str]] = {
    "Admin": ["*", "decide_technicalreview", "publish_techstandard"],
    "Director": [
        "add_technicalreview",
        "change_technicalreview",
        "decide_technicalreview",
        "change_reviewcondition",
        "add_techplan",
        "change_techplan",
        "add_techstandard",
        "change_techstandard",
        "publish_techstandard",
        "add_purchaseplan",
        "change_purchaseplan",
    ],
    "Project manager": [
        "add_technicalreview",
        "change_technicalreview",
        "change_reviewcondition",
        "add_techplan",
        "change_techplan",
        "add_techstandard",
        "change_techstandard",
    ],
    "Member": [
        "add_technicalreview",
        "change_technicalreview",
        "change_reviewcondition",
    ],
}
