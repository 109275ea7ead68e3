//! The wire types' own tests: the categories, and what a response writes and reads.

use super::*;

#[test]
fn categories_follow_the_nps_definition() {
    let cats: Vec<_> = (0..=11).map(Category::of).collect();
    assert_eq!(cats[0], Some(Category::Detractor));
    assert_eq!(cats[6], Some(Category::Detractor));
    assert_eq!(cats[7], Some(Category::Passive));
    assert_eq!(cats[8], Some(Category::Passive));
    assert_eq!(cats[9], Some(Category::Promoter));
    assert_eq!(cats[10], Some(Category::Promoter));
    assert_eq!(cats[11], None);
}

#[test]
fn a_minimal_response_omits_absent_fields_on_the_wire() {
    let r = NewResponse {
        id: "x".into(),
        key: "demo".into(),
        score: 9,
        comment: None,
        user_id: None,
        user_hash: None,
        moment: None,
        traits: None,
        locale: None,
        url: None,
        secret: None,
        variant: None,
    };
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(json, r#"{"id":"x","key":"demo","score":9}"#);
}

#[test]
fn trait_values_accept_strings_numbers_and_booleans() {
    let t: Traits = serde_json::from_str(r#"{"plan":"pro","seats":3,"admin":true}"#).unwrap();
    assert_eq!(t["plan"], TraitValue::Text("pro".into()));
    assert_eq!(t["seats"], TraitValue::Number(3.0));
    assert_eq!(t["admin"], TraitValue::Bool(true));
}
