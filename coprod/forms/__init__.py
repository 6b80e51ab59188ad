"""WTForms forms; survey forms are built from survey files at run time."""
