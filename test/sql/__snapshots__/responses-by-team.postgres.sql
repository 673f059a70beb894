-- xla sql --dialect postgres: nps, csat, csat.mean, ces.easy
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Team" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))), '') AS "segment_1",
    CASE WHEN btrim(CAST("How likely are you to recommend us?" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("How likely are you to recommend us?" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) AS NUMERIC) END AS "n_nps",
    CASE WHEN btrim(CAST("Satisfaction" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Satisfaction" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) AS NUMERIC) END AS "n_csat",
    CASE WHEN btrim(CAST("Customer ""Effort""" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Customer ""Effort""" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) AS NUMERIC) END AS "n_ces"
  FROM "survey"."responses"
  WHERE btrim(CAST("Region" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) IN ('O''Hare', 'EU')
),
answers AS (
  SELECT
    "segment_1",
    CASE WHEN "n_nps" BETWEEN 0 AND 10 AND "n_nps" = FLOOR("n_nps") THEN "n_nps" END AS "v_nps",
    CASE WHEN "n_csat" BETWEEN 1 AND 5 THEN "n_csat" END AS "v_csat",
    CASE WHEN "n_ces" BETWEEN 1 AND 7 THEN "n_ces" END AS "v_ces"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
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
GROUP BY "segment_1"
ORDER BY "segment_1"
