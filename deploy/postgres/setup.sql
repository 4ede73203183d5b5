-- PostgreSQL 15 or later. Run as the postgres superuser:  sudo -u postgres psql -v pw="'a-long-password'" -f setup.sql
-- PlanNacc creates its own tables (migrations at start, under an advisory lock) and Hangfire its `hangfire` schema.
CREATE ROLE plannacc LOGIN PASSWORD :pw;
CREATE DATABASE plannacc OWNER plannacc ENCODING 'UTF8' TEMPLATE template0;
\connect plannacc
ALTER SCHEMA public OWNER TO plannacc;
