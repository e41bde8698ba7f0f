#!/usr/bin/env python3
"""long_words.py DIR: writes into DIR two roic-kpi/1 exports (September
and October 2026) of tenants whose system names, models, incident
summaries, drift features, endpoints and file names are long words, and
whose figures are large: mots-longs-interprovinciaux (fr-CA, in USD, so
"1 409 053,33 $ US") and long-words-consolidated (en-US). For the layout
checks of the PDF (t_pdf.sh) and the page (t_layout.sh)."""
import json
import os
import sys


def export(tid, name, locale, sysname, model, summary, feature, endpoint):
    days = []
    for month, last, tasks, errors in (("2026-09", 30, 3100, 21), ("2026-10", 31, 4000, 10)):
        for d in range(1, last + 1):
            days.append({"date": "%s-%02d" % (month, d), "system": "s1", "tasks": tasks + 10 * d,
                         "errors": errors, "uptime_min": 1440, "downtime_min": 0,
                         "p95_latency_ms": 900, "accuracy": 0.97, "hallucination_rate": 0.004,
                         "llm_cost": 120.5, "llm_calls": 5000, "cache_hits": 900})
    return {"format": "roic-kpi/1",
            "tenant": {"id": tid, "name": name, "locale": locale, "currency": "USD"},
            "assumptions": {"hourly_rate": 20.0, "cost_per_error": 100.0, "monthly_fee": 25000.0},
            "sla": {"availability": 0.995, "p95_latency_ms": 1500, "resolution_minutes": {"P2": 1440},
                    "accuracy": 0.95},
            "systems": [{"id": "s1", "name": sysname, "model": model,
                         "baseline": {"minutes_per_task": 9.5, "error_rate": 0.08}}],
            "daily": days,
            "incidents": [{"id": "INC-1", "system": "s1", "severity": "P2",
                           "opened": "2026-10-03T14:05:00Z", "resolved": "2026-10-03T15:20:00Z",
                           "summary": summary}],
            "drift": [{"system": "s1", "feature": feature, "month": "2026-10", "edges": [0, 1, 2],
                       "baseline": [10, 20], "current": [11, 19]}],
            "integrations": [{"date": "2026-10-01", "system": "s1", "endpoint": endpoint,
                              "calls": 100, "failures": 1}]}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for e in (export("mots-longs-interprovinciaux", "Société d'assurances interprovinciales", "fr-CA",
                     "Anticonstitutionnellement intergouvernementalisations",
                     "modèle-de-langue-extraordinairement-volumineux-2026",
                     "Réinitialisation incompréhensiblement désynchronisée des microservices transactionnels",
                     "caractéristiques_démographiques_régionales",
                     "plateforme-interopérabilité-transactionnelle"),
              export("long-words-consolidated", "Consolidated Incomprehensibilities Inc.", "en-US",
                     "Electroencephalographically Counterrevolutionaries",
                     "language-model-extraordinarily-voluminous-2026",
                     "Internationalization misconfiguration: uncharacteristically disproportionate retransmissions",
                     "demographic_characteristics_regionalization",
                     "transactional-interoperability-platform")):
        with open("%s/%s-2026-10.json" % (out, e["tenant"]["id"]), "w") as f:
            json.dump(e, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
