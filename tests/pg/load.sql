-- Typing of text tables loaded from the test CSVs (tests/pg/load_csv.sh).
-- kw_type_table(src, dst) creates dst from the all-text table src: a column
-- whose every value is a day-first date (31/12/2024) or an ISO date becomes
-- date, an integer without leading zeros bigint, an amount with a decimal
-- comma (1.234,56) or point (1234.56) numeric; anything else stays text.
-- So the database holds typed columns, as a real one would.
CREATE OR REPLACE FUNCTION kw_type_table(src text, dst text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  col record;
  sel text := '';
  bad bigint;
  expr text;
BEGIN
  FOR col IN SELECT attname FROM pg_attribute
             WHERE attrelid = src::regclass AND attnum > 0
               AND NOT attisdropped ORDER BY attnum LOOP
    expr := format('%I', col.attname);
    EXECUTE format('SELECT count(*) FROM %s WHERE %I IS NOT NULL AND %I !~ %L',
                   src, col.attname, col.attname,
                   '^[0-9]{2}/[0-9]{2}/[0-9]{4}$') INTO bad;
    IF bad = 0 THEN
      expr := format('to_date(%I, ''DD/MM/YYYY'')', col.attname);
    ELSE
      EXECUTE format('SELECT count(*) FROM %s WHERE %I IS NOT NULL AND %I !~ %L',
                     src, col.attname, col.attname,
                     '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') INTO bad;
      IF bad = 0 THEN
        expr := format('%I::date', col.attname);
      ELSE
        EXECUTE format('SELECT count(*) FROM %s WHERE %I IS NOT NULL AND %I !~ %L',
                       src, col.attname, col.attname,
                       '^-?(0|[1-9][0-9]{0,17})$') INTO bad;
        IF bad = 0 THEN
          expr := format('%I::bigint', col.attname);
        ELSE
          EXECUTE format('SELECT count(*) FROM %s WHERE %I IS NOT NULL AND %I !~ %L',
                         src, col.attname, col.attname,
                         '^-?[0-9]{1,3}(\.[0-9]{3})*,[0-9]+$|^-?[0-9]+,[0-9]+$|^-?(0|[1-9][0-9]*)$') INTO bad;
          IF bad = 0 THEN
            expr := format('replace(replace(%I, ''.'', ''''), '','', ''.'')::numeric',
                           col.attname);
          ELSE
            EXECUTE format('SELECT count(*) FROM %s WHERE %I IS NOT NULL AND %I !~ %L',
                           src, col.attname, col.attname,
                           '^-?[0-9]+(\.[0-9]+)?$') INTO bad;
            IF bad = 0 THEN
              expr := format('%I::numeric', col.attname);
            END IF;
          END IF;
        END IF;
      END IF;
    END IF;
    sel := sel || CASE WHEN sel = '' THEN '' ELSE ', ' END
           || expr || format(' AS %I', col.attname);
  END LOOP;
  EXECUTE format('CREATE TABLE %s AS SELECT %s FROM %s', dst, sel, src);
END $$;
