-- A search matches `search_text LIKE '%term%'`. PostgreSQL estimates such a
-- pattern by trying it on the column's histogram: with the default 100
-- entries, a term in 3 % of the contacts (a common first-name fragment) is
-- often in none of them, the estimate falls to its floor (0.01 %), and the
-- planner reads every match through the trigram index and sorts them, not
-- the newest rows first until a page is full. At a million contacts that was
-- 0.46 s against 3 ms for the same page (bench/results/plans-full.txt).
-- A histogram of 1,000 entries sees such terms.
ALTER TABLE contacts ALTER COLUMN search_text SET STATISTICS 1000;
