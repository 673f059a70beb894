-- xla sql --dialect duckdb: nps, csat, csat.mean, ces.easy
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    CASE WHEN regexp_full_match(trim(CAST("How likely are you to recommend us?" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("How likely are you to recommend us?" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_nps",
    CASE WHEN regexp_full_match(trim(CAST("Satisfaction" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("Satisfaction" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_csat",
    CASE WHEN regexp_full_match(trim(CAST("Customer ""Effort""" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("Customer ""Effort""" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_ces"
  FROM read_csv(['data/it''s.csv'], header = true, all_varchar = true, delim = ';', quote = '"', escape = '"')
),
answers AS (
  SELECT
    CASE WHEN "n_nps" BETWEEN 0 AND 10 AND "n_nps" = FLOOR("n_nps") THEN "n_nps" END AS "v_nps",
    CASE WHEN "n_csat" BETWEEN 1 AND 5 THEN "n_csat" END AS "v_csat",
    CASE WHEN "n_ces" BETWEEN 1 AND 7 THEN "n_ces" END AS "v_ces"
  FROM cells
)
SELECT
  COUNT(*) AS "rows",
  COUNT(CASE WHEN "v_nps" >= 9 THEN 1 END) AS "nps__promoters",
  COUNT(CASE WHEN "v_nps" >= 7 AND "v_nps" < 9 THEN 1 END) AS "nps__passives",
  COUNT(CASE WHEN "v_nps" < 7 THEN 1 END) AS "nps__detractors",
  COUNT(CASE WHEN "v_csat" >= 4 THEN 1 END) AS "csat__x",
  COUNT("v_csat") AS "csat__n",
  COUNT("v_csat") AS "csat_mean__n",
  CAST(SUM("v_csat") AS VARCHAR) AS "csat_mean__sum",
  CAST(SUM("v_csat" * "v_csat") AS VARCHAR) AS "csat_mean__squares",
  COUNT(CASE WHEN "v_ces" > 4 THEN 1 END) AS "ces_easy__x",
  COUNT("v_ces") AS "ces_easy__n"
FROM answers
