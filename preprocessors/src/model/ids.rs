//! Typed indices, so a chapter index is never used where a block or an organisation is meant.

pub(crate) use crate::base::markdown::BlockId;

crate::base::index_type!(
    /// A chapter of the [`super::Model`], in reading order.
    pub(crate) ChapterId
);
crate::base::index_type!(
    /// An organisation of the [`super::orgs::Directory`].
    pub OrgId
);
crate::base::index_type!(
    /// A meeting of the timeline, in date order.
    pub(crate) MeetingId
);
