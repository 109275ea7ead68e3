//! Integration tests of the collector's HTTP API: each test starts a real
//! server on port 0 with a fresh SQLite file and talks to it over HTTP.

// Test helpers are `pub` for the sibling modules of this one binary.
#![allow(unreachable_pub)]
mod helpers;

mod analytics;
mod attacks;
mod auth;
mod backup;
mod canonical;
mod caps;
mod cli;
mod closed_loop;
mod config;
mod config_versions;
mod digest;
mod eligibility;
mod events;
mod experiments;
mod export;
mod growth;
mod identity;
mod import;
mod import_errors;
mod instances;
mod loop_figures;
mod loop_support;
mod moments;
mod openapi;
mod origins;
mod parsing;
mod periods;
mod privacy;
mod projects;
mod receiver;
mod replays;
mod responses;
mod sampling;
mod sampling_savings;
mod score_rollups;
mod search;
mod search_plans;
mod secure_delete;
mod security;
mod seeding;
mod server_keys;
mod several_instances;
mod shipped_privacy;
mod side_effects;
mod sign_in;
mod stats;
mod tag_lifecycle;
mod themes;
mod transport;
mod unknown_fields;
mod upgrade;
mod validation;
mod webhooks_admin;
mod webhooks_delivery;
mod webhooks_instances;
mod webhooks_privacy;
mod webhooks_proxy;
