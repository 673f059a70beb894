-- xla sql --dialect spark: nps, csat, csat.mean, ces.easy
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
-- note: Spark: a sum of squares past 10^26 overflows DECIMAL(38, 12); ANSI mode then fails the query, otherwise the sum is NULL
WITH cells AS (
  SELECT
    COALESCE(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Team` AS STRING)), '') AS `segment_1`,
    CASE WHEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING)) RLIKE '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN TRY_CAST(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING)) AS DECIMAL(18, 6)) END AS `n_nps`,
    CASE WHEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING)) RLIKE '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN TRY_CAST(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING)) AS DECIMAL(18, 6)) END AS `n_csat`,
    CASE WHEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING)) RLIKE '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN TRY_CAST(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING)) AS DECIMAL(18, 6)) END AS `n_ces`,
    (trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING)) IS NULL OR trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING)) = '' OR lower(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_nps`,
    CASE WHEN NOT (trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING)) IS NULL OR trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING)) = '' OR lower(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING)) RLIKE '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`How likely are you to recommend us?` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_nps`,
    (trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING)) IS NULL OR trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING)) = '' OR lower(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_csat`,
    CASE WHEN NOT (trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING)) IS NULL OR trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING)) = '' OR lower(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING)) RLIKE '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Satisfaction` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_csat`,
    (trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING)) IS NULL OR trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING)) = '' OR lower(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_ces`,
    CASE WHEN NOT (trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING)) IS NULL OR trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING)) = '' OR lower(trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING)) RLIKE '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Customer "Effort"` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_ces`
  FROM `survey`.`responses`
  WHERE trim(BOTH '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' FROM CAST(`Region` AS STRING)) IN ('O\'Hare', 'EU')
),
answers AS (
  SELECT
    `segment_1`,
    CASE WHEN `n_nps` BETWEEN 0 AND 10 AND `n_nps` = FLOOR(`n_nps`) THEN `n_nps` END AS `v_nps`,
    CASE WHEN `n_csat` BETWEEN 1 AND 5 THEN `n_csat` END AS `v_csat`,
    CASE WHEN `n_ces` BETWEEN 1 AND 7 THEN `n_ces` END AS `v_ces`,
    `m_nps`,
    `u_nps` AS `u_nps`,
    `m_csat`,
    `u_csat` AS `u_csat`,
    `m_ces`,
    `u_ces` AS `u_ces`
  FROM cells
)
SELECT
  `segment_1`,
  COUNT(*) AS `rows`,
  SUM(`u_ces`) AS `ces__unread`,
  SUM(`u_csat`) AS `csat__unread`,
  SUM(`u_nps`) AS `nps__unread`,
  0 AS `satisfaction__unread`,
  COUNT(CASE WHEN `v_nps` >= 9 THEN 1 END) AS `nps__promoters`,
  COUNT(CASE WHEN `v_nps` >= 7 AND `v_nps` < 9 THEN 1 END) AS `nps__passives`,
  COUNT(CASE WHEN `v_nps` < 7 THEN 1 END) AS `nps__detractors`,
  COUNT(CASE WHEN `v_csat` >= 4 THEN 1 END) AS `csat__x`,
  COUNT(`v_csat`) AS `csat__n`,
  COUNT(`v_csat`) AS `csat_mean__n`,
  CAST(SUM(`v_csat`) AS STRING) AS `csat_mean__sum`,
  CAST(SUM(`v_csat` * `v_csat`) AS STRING) AS `csat_mean__squares`,
  COUNT(CASE WHEN `v_ces` > 4 THEN 1 END) AS `ces_easy__x`,
  COUNT(`v_ces`) AS `ces_easy__n`
FROM answers
GROUP BY `segment_1`
ORDER BY `segment_1`
