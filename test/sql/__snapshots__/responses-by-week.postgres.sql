-- xla sql --dialect postgres: nps, csat, csat.mean, ces.easy
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Team" AS TEXT)), '') AS "segment_1",
    CASE WHEN btrim(CAST("How likely are you to recommend us?" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("How likely are you to recommend us?" AS TEXT)) AS NUMERIC) END AS "n_nps",
    CASE WHEN btrim(CAST("Satisfaction" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Satisfaction" AS TEXT)) AS NUMERIC) END AS "n_csat",
    CASE WHEN btrim(CAST("Customer ""Effort""" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Customer ""Effort""" AS TEXT)) AS NUMERIC) END AS "n_ces",
    CASE WHEN btrim(CAST("Submitted At" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN to_char(CASE WHEN btrim(CAST("Submitted At" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Submitted At" AS TEXT)) AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin' ELSE CAST(btrim(CAST("Submitted At" AS TEXT)) AS TIMESTAMP) END, 'IYYY-"W"IW') END AS "period",
    CASE WHEN btrim(CAST("Submitted At" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Submitted At" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS "period_unread"
  FROM "survey"."responses"
  WHERE CASE WHEN btrim(CAST("Submitted At" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Submitted At" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Submitted At" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Submitted At" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END >= 1704067200000
    AND CASE WHEN btrim(CAST("Submitted At" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Submitted At" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Submitted At" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Submitted At" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END < 1711929600000
),
answers AS (
  SELECT
    "segment_1",
    "period",
    "period_unread",
    CASE WHEN "n_nps" BETWEEN 0 AND 10 AND "n_nps" = FLOOR("n_nps") THEN "n_nps" END AS "v_nps",
    CASE WHEN "n_csat" BETWEEN 1 AND 5 THEN "n_csat" END AS "v_csat",
    CASE WHEN "n_ces" BETWEEN 1 AND 7 THEN "n_ces" END AS "v_ces"
  FROM cells
)
SELECT
  "segment_1",
  "period",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  COUNT(CASE WHEN "v_nps" >= 9 THEN 1 END) AS "nps__promoters",
  COUNT(CASE WHEN "v_nps" >= 7 AND "v_nps" < 9 THEN 1 END) AS "nps__passives",
  COUNT(CASE WHEN "v_nps" < 7 THEN 1 END) AS "nps__detractors",
  COUNT(CASE WHEN "v_csat" >= 4 THEN 1 END) AS "csat__x",
  COUNT("v_csat") AS "csat__n",
  COUNT("v_csat") AS "csat_mean__n",
  CAST(SUM("v_csat") AS TEXT) AS "csat_mean__sum",
  CAST(SUM("v_csat" * "v_csat") AS TEXT) AS "csat_mean__squares",
  COUNT(CASE WHEN "v_ces" > 4 THEN 1 END) AS "ces_easy__x",
  COUNT("v_ces") AS "ces_easy__n"
FROM answers
GROUP BY "segment_1", "period"
ORDER BY "segment_1", "period"
