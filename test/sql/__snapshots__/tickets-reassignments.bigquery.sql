-- xla sql --dialect bigquery: reassignments.mean
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(TRIM(CAST(`Team` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'), '') AS `segment_1`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'), r'^[+-]?([0-9]+([.]0*)?|[.]0+)$') THEN SAFE_CAST(TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') AS BIGNUMERIC) END AS `n_reassignment_count`,
    (TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') IS NULL OR TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') = '' OR lower(TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff')) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_reassignment_count`,
    CASE WHEN NOT (TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') IS NULL OR TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') = '' OR lower(TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff')) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT (REGEXP_CONTAINS(TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'), r'^[+-]?([0-9]+([.]0*)?|[.]0+)$') OR REGEXP_CONTAINS(TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'), r'^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$')) AND REGEXP_CONTAINS(TRIM(CAST(`Reassignments` AS STRING), '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'), r'[0-9]') THEN 1 ELSE 0 END AS `u_reassignment_count`
  FROM `support.tickets`
),
answers AS (
  SELECT
    `segment_1`,
    CASE WHEN `n_reassignment_count` BETWEEN 0 AND 9007199254740991 AND `n_reassignment_count` = FLOOR(`n_reassignment_count`) THEN `n_reassignment_count` END AS `v_reassignment_count`,
    `m_reassignment_count`,
    `u_reassignment_count` AS `u_reassignment_count`
  FROM cells
)
SELECT
  `segment_1`,
  COUNT(*) AS `rows`,
  SUM(`u_reassignment_count`) AS `reassignment_count__unread`,
  COUNT(`v_reassignment_count`) AS `reassignments_mean__n`,
  CAST(SUM(`v_reassignment_count`) AS STRING) AS `reassignments_mean__sum`,
  CAST(SUM(`v_reassignment_count` * `v_reassignment_count`) AS STRING) AS `reassignments_mean__squares`
FROM answers
GROUP BY `segment_1`
ORDER BY `segment_1`
