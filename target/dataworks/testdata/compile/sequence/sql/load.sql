-- load orders
INSERT OVERWRITE TABLE orders SELECT * FROM src WHERE ds = '${bizdate}' AND a < b && c > d;
