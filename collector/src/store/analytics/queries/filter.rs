//! A [`Filter`](crate::domain::Filter) as SQL conditions on `responses`,
//! and a [`Grouping`](crate::store::analytics::Grouping) as the expression
//! counts are grouped by: the only parts where the backends differ (a
//! trait read out of the stored JSON, the full-text search) come in as
//! closures.

macro_rules! filter_queries {
    ($db:ty, $push_trait:expr, $push_search:expr) => {
        fn push_trait(b: &mut QueryBuilder<'_, $db>, name: &str) {
            ($push_trait)(b, name);
        }

        fn push_search(b: &mut QueryBuilder<'_, $db>, search: &Search) {
            ($push_search)(b, search);
        }

        /// ` WHERE` and the conditions of `f` on `responses`, which may be
        /// joined to other tables: columns another table could also have
        /// are qualified.
        pub(crate) fn push_filter(b: &mut QueryBuilder<'_, $db>, key: &ProjectKey, f: &Filter) {
            b.push(" WHERE project_key = ").push_bind(key.as_str().to_owned());
            if let Some(from) = f.from {
                b.push(" AND created_at >= ").push_bind(to_millis(from));
            }
            if let Some(to) = f.to {
                b.push(" AND created_at < ").push_bind(to_millis(to));
            }
            if let Some(moment) = &f.moment {
                b.push(" AND moment = ").push_bind(moment.clone());
            }
            if let Some(locale) = &f.locale {
                b.push(" AND locale = ").push_bind(locale.clone());
            }
            if let Some(user) = &f.user_id {
                b.push(" AND user_id = ").push_bind(user.clone());
            }
            if let Some(tag) = &f.tag {
                b.push(
                    " AND EXISTS (SELECT 1 FROM tags t WHERE t.project_key = responses.project_key \
                     AND t.response_id = responses.id AND t.tag = ",
                )
                .push_bind(tag.clone())
                .push(")");
            }
            if let Some(status) = &f.status {
                b.push(
                    " AND COALESCE((SELECT f.status FROM followups f WHERE f.project_key = responses.project_key \
                     AND f.response_id = responses.id), 'new') = ",
                )
                .push_bind(status.clone());
            }
            if let Some(tenure) = f.tenure {
                b.push(tenure_sql(tenure));
            }
            for (name, value) in &f.traits {
                b.push(" AND ");
                push_trait(b, name);
                b.push(" = ").push_bind(value.clone());
            }
            let (low, high) = f.score_range();
            if (low, high) != (0, 10) {
                b.push(" AND score BETWEEN ").push_bind(i64::from(low));
                b.push(" AND ").push_bind(i64::from(high));
            }
            match f.has_comment {
                Some(true) => b.push(" AND responses.comment IS NOT NULL"),
                Some(false) => b.push(" AND responses.comment IS NULL"),
                None => b,
            };
            if let Some(search) = &f.q {
                push_search(b, search);
            }
        }

        fn push_group(b: &mut QueryBuilder<'_, $db>, g: &Grouping) {
            match g {
                Grouping::Total => b.push("CAST(NULL AS TEXT)"),
                Grouping::Moment => b.push("moment"),
                Grouping::Locale => b.push("locale"),
                Grouping::Periods(_) => b.push("CAST(NULL AS TEXT)"),
                Grouping::Tenure => b.push(
                    "CASE WHEN tenure_days IS NULL THEN NULL WHEN tenure_days < 90 THEN 'new' \
                     ELSE 'established' END",
                ),
                Grouping::TenureBucket => b.push(
                    "CASE WHEN tenure_days IS NULL THEN NULL WHEN tenure_days <= 7 THEN '0-7' \
                     WHEN tenure_days <= 30 THEN '8-30' WHEN tenure_days <= 90 THEN '31-90' \
                     WHEN tenure_days <= 180 THEN '91-180' WHEN tenure_days <= 365 THEN '181-365' \
                     ELSE '>365' END",
                ),
                Grouping::Trait(name) => {
                    push_trait(b, name);
                    b
                }
            };
        }
    };
}
