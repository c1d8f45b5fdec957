// `Voice` lives in `SettingValues` so that project files naming voices can be read without
// linking eSpeak NG; every module that imports `Speech` still sees it as before.
@_exported import SettingValues
