-- Revenue and order count per region for one day.
INSERT OVERWRITE TABLE ads_sales_by_region PARTITION (ds = '${bizdate}')
SELECT region, COUNT(*) AS orders, SUM(amount) AS revenue
FROM dwd_orders
WHERE ds = '${bizdate}'
GROUP BY region;
