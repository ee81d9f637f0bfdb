// The unit project: the environment the app expects, and no database. DATABASE_URL is removed, so
// a test that reaches PostgreSQL fails at once ("DATABASE_URL is not set") and belongs in
// tests/integration instead.
delete process.env.DATABASE_URL;
delete process.env.SMTP_URL;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123";
