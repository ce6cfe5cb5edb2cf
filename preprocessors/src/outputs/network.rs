//! Who works with whom: pairs of organisations the document names together, in one paragraph
//! (a block of [`crate::base::markdown`]: a paragraph or a tight list item) or as organisers of
//! one meeting. Computed once per build from the organisations' mentions and the timeline; read
//! by the network page ([`super::pages::network`]), the organisation pages (their partners) and
//! the exports (`network.json`, [`super::exports::open_data`]).
//!
//! One pass over the mentions, which are in reading order, so each paragraph's organisations
//! are a run: a paragraph naming k organisations gives k(k−1)/2 pairs, never organisations ×
//! organisations over the book.

use crate::features::organisations::Organisations;
use crate::features::timeline::Timeline;
use crate::model::{BlockId, ChapterId, MeetingId, OrgId};
use std::collections::BTreeMap;

/// Two organisations named together, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    /// The organisation first in the registry.
    pub a: OrgId,
    /// The other.
    pub b: OrgId,
    /// The paragraphs naming both, in reading order.
    pub paragraphs: Vec<(ChapterId, BlockId)>,
    /// The meetings both organise, in the timeline's order.
    pub meetings: Vec<MeetingId>,
}

impl Pair {
    /// How often they are named together: paragraphs plus meetings.
    pub(crate) fn weight(&self) -> usize {
        self.paragraphs.len() + self.meetings.len()
    }

    /// The other organisation of the pair.
    pub(crate) fn other(&self, org: OrgId) -> OrgId {
        if self.a == org { self.b } else { self.a }
    }
}

/// Each pair of distinct organisations of `orgs` once, the first in registry order.
fn each_pair(orgs: &mut Vec<OrgId>, mut f: impl FnMut(OrgId, OrgId)) {
    orgs.sort();
    orgs.dedup();
    for (i, &a) in orgs.iter().enumerate() {
        for &b in &orgs[i + 1..] {
            f(a, b);
        }
    }
}

fn entry(pairs: &mut BTreeMap<(OrgId, OrgId), Pair>, a: OrgId, b: OrgId) -> &mut Pair {
    pairs.entry((a, b)).or_insert_with(|| Pair {
        a,
        b,
        paragraphs: Vec::new(),
        meetings: Vec::new(),
    })
}

/// Every pair, and each organisation's mentions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Network {
    /// Mentions by organisation ([`OrgId`] order).
    pub mentions: Vec<usize>,
    /// The pairs, strongest first (ties: in registry order).
    pub pairs: Vec<Pair>,
    /// Indices in `pairs` of each organisation's pairs, strongest first.
    by_org: Vec<Vec<usize>>,
}

impl Network {
    /// The pairs of `orgs`' mentions, and of the organisers of `timeline`'s meetings.
    pub(crate) fn build(orgs: &Organisations, timeline: Option<&Timeline>) -> Network {
        let n = orgs.directory().orgs.len();
        let mut mentions = vec![0; n];
        let mut pairs: BTreeMap<(OrgId, OrgId), Pair> = BTreeMap::new();
        let mut here: Vec<OrgId> = Vec::new();
        for run in orgs
            .mentions
            .chunk_by(|x, y| (x.chapter, x.block) == (y.chapter, y.block))
        {
            here.clear();
            here.extend(run.iter().map(|m| m.org));
            for &o in &here {
                mentions[o.0] += 1;
            }
            let at = (run[0].chapter, run[0].block);
            each_pair(&mut here, |a, b| {
                entry(&mut pairs, a, b).paragraphs.push(at)
            });
        }
        if let Some(timeline) = timeline {
            for (id, m) in timeline.iter() {
                here.clear();
                here.extend(m.organisers.iter().filter_map(|o| o.org));
                each_pair(&mut here, |a, b| entry(&mut pairs, a, b).meetings.push(id));
            }
        }
        Network::new(mentions, pairs.into_values().collect())
    }

    /// A network of these counts and pairs, the pairs put strongest first.
    pub(crate) fn new(mentions: Vec<usize>, mut pairs: Vec<Pair>) -> Network {
        // Stable: equal weights stay in registry order.
        pairs.sort_by_key(|p| std::cmp::Reverse(p.weight()));
        let mut by_org = vec![Vec::new(); mentions.len()];
        for (k, p) in pairs.iter().enumerate() {
            by_org[p.a.0].push(k);
            by_org[p.b.0].push(k);
        }
        Network {
            mentions,
            pairs,
            by_org,
        }
    }

    /// The pairs of `org`, strongest first.
    pub(crate) fn partners(&self, org: OrgId) -> impl Iterator<Item = &Pair> {
        self.by_org
            .get(org.0)
            .into_iter()
            .flatten()
            .map(|&k| &self.pairs[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::organisations::Mention;
    use crate::features::organisations::registry::Registry;
    use crate::features::timeline::tests::{collect, orgs};

    fn mention(org: usize, chapter: usize, block: usize) -> Mention {
        Mention {
            org: OrgId(org),
            chapter: ChapterId(chapter),
            block: BlockId(block),
            source: None,
            acronym: false,
            in_block: 0..0,
            explicit: None,
        }
    }

    fn organisations(mentions: Vec<Mention>) -> Organisations {
        Organisations {
            registry: Registry {
                directory: orgs(),
                locations: Vec::new(),
            },
            mentions,
            unused: Vec::new(),
        }
    }

    #[test]
    fn organisations_named_in_one_paragraph_or_organising_one_meeting_are_a_pair() {
        // ILO and UNHCR together in two paragraphs (one naming UNHCR twice), ILO alone in one.
        let orgs = organisations(vec![
            mention(0, 0, 0),
            mention(1, 0, 0),
            mention(0, 0, 1),
            mention(1, 1, 0),
            mention(0, 1, 0),
            mention(1, 1, 0),
        ]);
        let net = Network::build(&orgs, None);
        assert_eq!(net.mentions, [3, 3]);
        assert_eq!(
            net.pairs,
            [Pair {
                a: OrgId(0),
                b: OrgId(1),
                paragraphs: vec![(ChapterId(0), BlockId(0)), (ChapterId(1), BlockId(0))],
                meetings: vec![],
            }]
        );
        let (timeline, diags) = collect(&[(
            "a.md",
            "---\nmeetings:\n  - id: w\n    title: W\n    date: \"2014-06\"\n    organisers: [unhcr, ilo, ilo]\n    mention: met\n---\nWe met.\n",
        )]);
        // The organiser named twice is reported, and counted once.
        assert!(diags.ends_with("0 errors, 1 warning"), "{diags}");
        let net = Network::build(&orgs, Some(&timeline));
        assert_eq!(net.pairs[0].meetings, [MeetingId(0)]);
        assert_eq!(net.pairs[0].weight(), 3);
        let partners: Vec<OrgId> = net.partners(OrgId(1)).map(|p| p.other(OrgId(1))).collect();
        assert_eq!(partners, [OrgId(0)]);
    }

    #[test]
    fn an_organisation_alone_has_no_pair() {
        let net = Network::build(
            &organisations(vec![mention(0, 0, 0), mention(0, 0, 0)]),
            None,
        );
        assert_eq!(net.mentions, [2, 0]);
        assert!(net.pairs.is_empty());
        assert_eq!(net.partners(OrgId(0)).count(), 0);
    }

    fn pair(a: usize, b: usize, paragraphs: usize, meetings: usize) -> Pair {
        Pair {
            a: OrgId(a),
            b: OrgId(b),
            paragraphs: (0..paragraphs)
                .map(|k| (ChapterId(0), BlockId(k)))
                .collect(),
            meetings: (0..meetings).map(MeetingId).collect(),
        }
    }

    #[test]
    fn pairs_go_strongest_first_ties_in_registry_order_and_each_organisation_has_its_own() {
        let net = Network::new(
            vec![4, 2, 3],
            vec![pair(0, 1, 1, 0), pair(0, 2, 2, 1), pair(1, 2, 0, 1)],
        );
        let order: Vec<(usize, usize, usize)> = net
            .pairs
            .iter()
            .map(|p| (p.a.0, p.b.0, p.weight()))
            .collect();
        assert_eq!(order, [(0, 2, 3), (0, 1, 1), (1, 2, 1)]);
        let partners = |o: usize| -> Vec<usize> {
            net.partners(OrgId(o))
                .map(|p| p.other(OrgId(o)).0)
                .collect()
        };
        assert_eq!(partners(0), [2, 1]);
        assert_eq!(partners(1), [0, 2]);
        assert_eq!(partners(2), [0, 1]);
        // An organisation the network does not know has no partner.
        assert!(partners(7).is_empty());
    }

    #[test]
    fn each_pair_is_taken_once_in_registry_order() {
        let mut seen = Vec::new();
        each_pair(&mut vec![OrgId(2), OrgId(0), OrgId(2), OrgId(1)], |a, b| {
            seen.push((a.0, b.0))
        });
        assert_eq!(seen, [(0, 1), (0, 2), (1, 2)]);
    }
}
