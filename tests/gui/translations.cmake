# Tests for the desktop app: translations
ringside_test(tst_translations SOURCES tst_translations.cpp LIBS ringside_ui)
# The test reads translations/ringside_de.ts itself, to name every unfinished message.
target_compile_definitions(tst_translations PRIVATE RINGSIDE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
