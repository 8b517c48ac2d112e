-- Units sold and revenue per product for one day.
INSERT OVERWRITE TABLE ads_sales_by_product PARTITION (ds = '${bizdate}')
SELECT product_id, SUM(quantity) AS units, SUM(amount) AS revenue
FROM dwd_orders
WHERE ds = '${bizdate}'
GROUP BY product_id;
