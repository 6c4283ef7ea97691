use web_sys::HtmlSelectElement;

use crate::prelude::*;

/// `(value, label)` options of a drop-down, in order.
pub fn choices<T: Copy>(
    items: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    items
        .iter()
        .map(|&i| (value(i).into(), label(i).into()))
        .collect()
}

/// "All …" (the empty value) first, then the `(value, label)` pairs `known` lists; a
/// `chosen` pair the list does not (yet) hold still shows, as chosen.
pub fn known_choices(
    all: impl Into<AttrValue>,
    known: impl Iterator<Item = (String, String)>,
    chosen: Option<(String, String)>,
) -> Vec<(AttrValue, AttrValue)> {
    let mut options = vec![("".into(), all.into())];
    options.extend(known.map(|(value, label)| (value.into(), label.into())));
    if let Some((value, label)) = chosen.filter(|(v, _)| !options.iter().any(|(o, _)| o == v)) {
        options.push((value.into(), label.into()));
    }
    options
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    /// The chosen option's value.
    pub value: AttrValue,
    /// `(value, label)` in display order.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    #[prop_or_default]
    pub aria_describedby: Option<AttrValue>,
    #[prop_or_default]
    pub invalid: bool,
    /// Bump to put the drop-down back on `value` after the person picked another option
    /// that was not taken (a cancelled or refused change).
    #[prop_or_default]
    pub sync: u64,
}

/// A `<select>` that shows `value`: the DOM keeps the person's last pick otherwise.
#[component]
pub fn Select(props: &SelectProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((props.value.clone(), props.sync), move |(value, _)| {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                if select.value() != value.as_str() {
                    select.set_value(value);
                }
            }
        });
    }
    let onchange = (props.onchange).reform(|e: Event| typed(e));
    let options = props.options.iter().map(|(value, label)| {
        html! {
            <option value={value.clone()} selected={*value == props.value}>{ label.clone() }</option>
        }
    });
    html! {
        <select
            id={props.id.clone()}
            class={classes!("select", props.class.clone())}
            disabled={props.disabled}
            aria-label={props.aria_label.clone()}
            aria-describedby={props.aria_describedby.clone()}
            aria-invalid={props.invalid.then_some("true")}
            ref={node}
            {onchange}
        >
            { for options }
        </select>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(options: &[(AttrValue, AttrValue)]) -> Vec<(&str, &str)> {
        options
            .iter()
            .map(|(v, l)| (v.as_str(), l.as_str()))
            .collect()
    }

    #[test]
    fn known_choices_keep_a_chosen_value_they_do_not_list() {
        let known = || {
            [("1", "Ann"), ("2", "Bo")]
                .map(|(v, l)| (v.into(), l.into()))
                .into_iter()
        };
        let listed = known_choices("All", known(), Some(("2".into(), "Staff #2".into())));
        assert_eq!(values(&listed), [("", "All"), ("1", "Ann"), ("2", "Bo")]);
        let unlisted = known_choices("All", known(), Some(("9".into(), "Staff #9".into())));
        assert_eq!(values(&unlisted).last(), Some(&("9", "Staff #9")));
        assert_eq!(values(&known_choices("All", known(), None)).len(), 3);
    }
}
