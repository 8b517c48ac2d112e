-- Yesterday's orders, from the raw order log into the partitioned orders table.
INSERT OVERWRITE TABLE dwd_orders PARTITION (ds = '${bizdate}')
SELECT order_id, customer_id, product_id, region, quantity, amount, created_at
FROM ods_order_log
WHERE ds = '${bizdate}' AND status = 'PAID';
