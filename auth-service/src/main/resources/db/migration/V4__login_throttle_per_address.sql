-- Failures are counted per login and client address (address '' is the login's own, slower count),
-- so that an attacker locking a login from one address does not lock its owner out from another.
ALTER TABLE login_throttle ADD COLUMN address varchar(64) NOT NULL DEFAULT '';
ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_pkey;
ALTER TABLE login_throttle ADD PRIMARY KEY (login, address);
