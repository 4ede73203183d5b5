-- Accounts an admin can take back (issue #6): a disabled user cannot sign in; the security stamp in each sign-in cookie
-- must match the user's, so disabling (which changes it) ends every open session on its next request. A token issued to
-- a user carries that user's role and scope and stops working while the user is disabled.
ALTER TABLE users ADD COLUMN disabled_at timestamptz NULL;
ALTER TABLE users ADD COLUMN security_stamp text NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN owner text NULL;
