select ÿþ;
