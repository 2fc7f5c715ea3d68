# Sourced by build.sh, sanitize.sh, fuzz.sh and tsan.sh: how ccache runs for Ringside's builds.
# The libraries use precompiled headers; ccache caches those compiles only when told it may.
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
# Depend mode: on a miss ccache keys the result on the compiler's own dependency file instead of
# running the preprocessor first. On an empty cache (a fresh CI machine) that preprocessor run made a
# cold release build 578 s instead of 545 s here (2 cores); a warm rebuild still hits 214 of 215.
# CCACHE_NODEPEND=1 turns it off (ccache itself refuses CCACHE_DEPEND=0).
[[ -n ${CCACHE_NODEPEND:-} ]] || export CCACHE_DEPEND=1
