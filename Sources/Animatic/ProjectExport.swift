// The script, project and review files, settings and output paths moved to `Project`, which
// the `animatic-commands` front end links without the media layer; every module that imports
// `Animatic` still sees them as before.
@_exported import Project
