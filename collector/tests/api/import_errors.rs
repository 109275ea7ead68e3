//! Import's refusals, on both backends: every kind of bad row is named (its
//! CSV line, or its JSON index and id) with what is wrong, and without
//! `--skip-invalid` / `skip_invalid=true` nothing of the file is imported;
//! with it the good rows are. A dry run writes nothing. Mappings.

use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::import::{cli, fixture_path, get, import_api, stderr, stdout};

/// One bad row of each kind after a good one (line 2), with the line each
/// is on and what its refusal must say.
fn bad_csv() -> (String, Vec<(u64, &'static str)>) {
    let long_user = "u".repeat(300);
    let csv = format!(
        "id,created_at,score,user_id\n\
         ok,2025-01-02,9,ann\n\
         a,2025-01-02,11,ann\n\
         ,2025-01-02,5,ann\n\
         c,2025-01-02,,ann\n\
         d,,7,ann\n\
         e,next tuesday,7,ann\n\
         f,2025-01-02,7,{long_user}\n\
         g,2025-01-02\n\
         h,2999-01-01,8,ann\n"
    );
    let named = vec![
        (3, "score \"11\""),
        (4, "no id"),
        (5, "no score"),
        (6, "no time"),
        (7, "time \"next tuesday\""),
        (8, "user_id"),
        (9, "2 fields"),
        (10, "future"),
    ];
    (csv, named)
}

#[tokio::test]
async fn every_kind_of_bad_row_is_named_and_nothing_of_the_file_is_imported() {
    let app = spawn_app().await;
    let (csv, named) = bad_csv();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, &csv).unwrap();

    let out = cli(
        &app,
        &[
            "--project",
            "demo",
            "--format",
            "csv",
            file.to_str().unwrap(),
        ],
    );
    let r = import_api(&app, "format=csv", csv).await;

    assert!(!out.status.success(), "{}", stdout(&out));
    let said = stderr(&out);
    for (line, says) in &named {
        let row = said
            .lines()
            .find(|l| l.starts_with(&format!("line {line}: ")))
            .unwrap_or_else(|| panic!("line {line} is named: {said}"));
        assert!(row.contains(says), "line {line}: {row}");
    }
    assert!(said.contains("nothing was imported"), "{said}");
    assert_eq!(r.status(), 422);
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["code"], "invalid_rows");
    assert_eq!(problem["skipped"], named.len());
    for ((line, says), error) in named.iter().zip(problem["errors"].as_array().unwrap()) {
        assert_eq!(error["row"], format!("line {line}"));
        assert!(error["message"].as_str().unwrap().contains(says), "{error}");
    }
    let stats = get(&app, "/api/v1/stats?project=demo").await;
    assert_eq!(stats["responses"], 0, "not even the good row");
}

#[tokio::test]
async fn with_skip_invalid_the_good_rows_are_imported_and_the_bad_listed() {
    let app = spawn_app().await;
    let (csv, named) = bad_csv();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, &csv).unwrap();

    let out = cli(
        &app,
        &[
            "--project",
            "demo",
            "--format",
            "csv",
            "--skip-invalid",
            file.to_str().unwrap(),
        ],
    );
    let again = import_api(&app, "format=csv&skip_invalid=true", csv).await;

    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains(&format!(
            "imported 1, skipped {}, duplicates 0",
            named.len()
        )),
        "{said}"
    );
    assert!(
        stderr(&out).contains("skipped line 3: score"),
        "{}",
        stderr(&out)
    );
    assert_eq!(again.status(), 200);
    let summary: Value = again.json().await.unwrap();
    assert_eq!(
        (&summary["imported"], &summary["duplicates"]),
        (&json!(0), &json!(1))
    );
    assert_eq!(summary["errors"].as_array().unwrap().len(), named.len());
    let stats = get(&app, "/api/v1/stats?project=demo").await;
    assert_eq!(stats["responses"], 1);
}

#[tokio::test]
async fn bad_json_a_bad_element_and_bad_mappings_are_named() {
    let app = spawn_app().await;
    let cases = [
        ("format=delighted", r#"[{"id":"1","score":9,"created_at":1700000000},{"id":"2","#.to_owned(), "at row 1"),
        ("format=delighted", r#"[{"id":"1","score":9,"created_at":1700000000},{"id":"7","score":"high","created_at":1}]"#.to_owned(), "row 1 (id 7): score"),
        ("format=delighted", r#"[{"id":"8","survey_type":"csat","score":4,"created_at":1700000000}]"#.to_owned(), "row 0 (id 8): survey_type"),
        ("format=csv&map=mood=Mood", "id,created_at,score\n1,2025-01-01,9\n".to_owned(), "unknown field \"mood\""),
        ("format=csv&map.comment=Why", "id,created_at,score\n1,2025-01-01,9\n".to_owned(), "no column \"Why\""),
        ("format=csv", "id,score\n1,9\n".to_owned(), "no column for created_at"),
        ("format=xml", "<a/>".to_owned(), "delighted or csv"),
    ];
    for (query, body, says) in cases {
        let r = import_api(&app, query, body).await;
        let status = r.status().as_u16();
        let problem: Value = r.json().await.unwrap();
        assert!(matches!(status, 400 | 422), "{query}: {status} {problem}");
        let said = problem["message"].as_str().unwrap();
        assert!(said.contains(says), "{query}: {said}");
    }
    let stats = get(&app, "/api/v1/stats?project=demo").await;
    assert_eq!(stats["responses"], 0);
}

#[tokio::test]
async fn a_dry_run_says_what_it_would_import_and_writes_nothing() {
    let app = spawn_app().await;

    let out = cli(
        &app,
        &[
            "--project",
            "demo",
            "--format",
            "delighted",
            "--dry-run",
            &fixture_path(),
        ],
    );
    let body = std::fs::read(fixture_path()).unwrap();
    let r = import_api(&app, "format=delighted&dry_run=true", body).await;

    assert!(out.status.success(), "{}", stderr(&out));
    let rows =
        serde_json::from_str::<Vec<Value>>(&std::fs::read_to_string(fixture_path()).unwrap())
            .unwrap()
            .len();
    assert!(
        stdout(&out).contains(&format!("imported {rows}, skipped 0, duplicates 0")),
        "{}",
        stdout(&out)
    );
    assert_eq!(r.status(), 200);
    let summary: Value = r.json().await.unwrap();
    assert_eq!(
        (&summary["imported"], &summary["dry_run"]),
        (&json!(rows), &json!(true))
    );
    let stats = get(&app, "/api/v1/stats?project=demo").await;
    assert_eq!(stats["responses"], 0);
    let tags = get(&app, "/api/v1/stats/tags?project=demo").await;
    assert_eq!(tags["tags"], json!([]));
}

#[tokio::test]
async fn csv_columns_are_mapped_to_fields_and_traits() {
    let app = spawn_app().await;
    let csv = "Response ID,Response Timestamp,NPS,Why,Plan\n\
               r1,2025-03-01T09:30:00Z,10,Great,pro\n\
               r2,1740821400,3,Slow,free\n\
               r3,2025-03-02,9,,pro\n";
    let query = "format=csv&map=id=Response%20ID&map=created_at=Response%20Timestamp\
                 &map=score=NPS&map=comment=Why&map=trait.plan=Plan";

    let r = import_api(&app, query, csv).await;

    assert_eq!(r.status(), 200);
    let summary: Value = r.json().await.unwrap();
    assert_eq!(summary["imported"], 3);
    let segments = get(&app, "/api/v1/stats/segments?project=demo&by=trait.plan").await;
    let pro = segments["segments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["value"] == "pro")
        .expect("a pro segment");
    assert_eq!(pro["responses"], 2);
    let feed = get(&app, "/api/v1/responses?project=demo&q=slow").await;
    assert_eq!(
        feed["items"][0]["created_at"], "2025-03-01T09:30:00Z",
        "{feed}"
    );
}
