-- xla sql --dialect duckdb: reassignments.mean
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(CASE WHEN regexp_matches(CAST("Team" AS VARCHAR), '^[\x{9}\x{a}\x{b}\x{c}\x{d}\x{20}\x{a0}\x{1680}\x{2000}\x{2001}\x{2002}\x{2003}\x{2004}\x{2005}\x{2006}\x{2007}\x{2008}\x{2009}\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]|[\x{9}\x{a}\x{b}\x{c}\x{d}\x{20}\x{a0}\x{1680}\x{2000}\x{2001}\x{2002}\x{2003}\x{2004}\x{2005}\x{2006}\x{2007}\x{2008}\x{2009}\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]$') THEN trim(CAST("Team" AS VARCHAR), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) ELSE CAST("Team" AS VARCHAR) END, '') AS "segment_1",
    CASE WHEN regexp_full_match(CASE WHEN regexp_matches(CAST("Reassignments" AS VARCHAR), '^[\x{9}\x{a}\x{b}\x{c}\x{d}\x{20}\x{a0}\x{1680}\x{2000}\x{2001}\x{2002}\x{2003}\x{2004}\x{2005}\x{2006}\x{2007}\x{2008}\x{2009}\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]|[\x{9}\x{a}\x{b}\x{c}\x{d}\x{20}\x{a0}\x{1680}\x{2000}\x{2001}\x{2002}\x{2003}\x{2004}\x{2005}\x{2006}\x{2007}\x{2008}\x{2009}\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]$') THEN trim(CAST("Reassignments" AS VARCHAR), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) ELSE CAST("Reassignments" AS VARCHAR) END, '^[+-]?([0-9]+([.]0*)?|[.]0+)$') THEN CAST(TRY_CAST(CASE WHEN regexp_matches(CAST("Reassignments" AS VARCHAR), '^[\x{9}\x{a}\x{b}\x{c}\x{d}\x{20}\x{a0}\x{1680}\x{2000}\x{2001}\x{2002}\x{2003}\x{2004}\x{2005}\x{2006}\x{2007}\x{2008}\x{2009}\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]|[\x{9}\x{a}\x{b}\x{c}\x{d}\x{20}\x{a0}\x{1680}\x{2000}\x{2001}\x{2002}\x{2003}\x{2004}\x{2005}\x{2006}\x{2007}\x{2008}\x{2009}\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]$') THEN trim(CAST("Reassignments" AS VARCHAR), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) ELSE CAST("Reassignments" AS VARCHAR) END AS DECIMAL(38, 6)) AS DECIMAL(38, 0)) END AS "n_reassignment_count"
  FROM "support"."tickets"
),
answers AS (
  SELECT
    "segment_1",
    CASE WHEN "n_reassignment_count" BETWEEN 0 AND 9007199254740991 AND "n_reassignment_count" = FLOOR("n_reassignment_count") THEN "n_reassignment_count" END AS "v_reassignment_count"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  COUNT("v_reassignment_count") AS "reassignments_mean__n",
  CAST(SUM("v_reassignment_count") AS VARCHAR) AS "reassignments_mean__sum",
  CAST(SUM("v_reassignment_count" * "v_reassignment_count") AS VARCHAR) AS "reassignments_mean__squares"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
