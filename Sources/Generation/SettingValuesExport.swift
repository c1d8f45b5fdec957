// The backend and frame-size values moved to `SettingValues` so that the `animatic` front
// end can read settings without linking the media layer; every module that imports
// `Generation` still sees them as before.
@_exported import SettingValues
