select * from orders;
