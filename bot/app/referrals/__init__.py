"""Referrals: intake (in, taken, assigned, declined), the flow of statuses, and what a referrer
may see of one."""
