"""The Authorization screen: who may access what and why, directive impact, rule sets."""
