//! Macros shared by the document models.

/// An enum of fixed strings as documents write them (`"pending_payment"`),
/// with `ALL`, `as_str`, `parse` and `Display`.
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $var),+ }
        impl $name {
            /// Every value, in the order the documents list them.
            pub const ALL: &'static [&'static str] = &[$($s),+];
            /// The value as written in documents.
            pub fn as_str(self) -> &'static str { match self { $($name::$var => $s),+ } }
            /// Parses a value as written in documents.
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$var),)+ _ => None } }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}
