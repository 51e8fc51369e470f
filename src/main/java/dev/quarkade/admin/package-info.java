/**
 * The operator console's server side: admin-only REST over live rooms (snapshots, close, kick), the live feed
 * (server-sent events behind one-time tickets), the connection audit search, and the audit trail of admin actions in
 * {@code admin_actions}. The role comes from {@code quarkade.admin.usernames} (see {@code dev.quarkade.auth}).
 */
package dev.quarkade.admin;
